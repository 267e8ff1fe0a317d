import type { CookieOptions, Response } from 'express';
import type { z } from 'zod';
import { ApiError } from '../http/api-error.js';
import { route, type Role, type Route } from '../http/route.js';
import type { Account } from './account.js';
import type { AccountStore } from './account-store.js';
import type { AccountsService } from './accounts-service.js';
import type { Credentials } from './credentials.js';
import { checkLogin } from './login.js';
import {
  createdAccount,
  doctorSignUp,
  loginRequest,
  me,
  noContent,
  passwordChange,
  passwordChanged,
  passwordReset,
  passwordResetDone,
  patientSignUp,
  recoveryCodeSet,
  reauthentication,
  sessionInfo,
  totpConfirmation,
  totpSecret,
  type Me,
} from '@patrec/contract';
import { editableProfile } from './profile-edits.js';
import { csrfCookie, sessionCookie } from './session.js';
import { sessionLifetimeMs, type SessionStore } from './session-store.js';

export interface AccountsDependencies {
  accounts: AccountsService;
  store: AccountStore;
  sessions: SessionStore;
  credentials: Credentials;
  /** Told when a doctor edits their public profile, so cached cards show the edit. */
  doctorProfileChanged: (doctorId: string) => void;
  secureCookies: boolean;
}

/**
 * Sign-up, log-in and log-out, the person's own account (profile, password, recovery
 * codes), resetting a forgotten password, and TOTP for patients.
 */
export function accountsRoutes(deps: AccountsDependencies): Route[] {
  const { accounts, store, sessions, credentials } = deps;
  const accountOf = async (userId: string) => {
    const account = await store.findById(userId);
    if (!account) throw new ApiError('NOT_FOUND', 'this account no longer exists');
    return account;
  };
  const meOf = async (account: Account, profile?: Record<string, unknown>): Promise<Me> => ({
    id: account._id,
    role: account.role,
    hospital: account.hospital,
    email: account.email,
    createdAt: account.createdAt.toISOString(),
    totpEnabled: account.totp?.confirmed === true,
    recoveryCodesLeft: account.recoveryCodes?.hashes.length ?? 0,
    profile: profile ?? (await accounts.profileOf(account)),
  });
  /** One route per kind of profile, each with its own fields (and their own field errors). */
  const profileEdit = <B extends Record<string, unknown>>(
    path: string,
    summary: string,
    roles: readonly Role[],
    body: z.ZodType<B>,
  ) =>
    route({
      method: 'put',
      path,
      summary,
      tag: 'accounts',
      access: roles,
      body,
      response: me,
      handler: async ({ session, body: edit }) => {
        const account = await accountOf(session!.userId);
        const profile = await accounts.editProfile(account, edit);
        if (account.role === 'doctor') deps.doctorProfileChanged(account._id);
        return meOf(account, profile);
      },
    });
  const cookieBase: CookieOptions = { sameSite: 'strict', secure: deps.secureCookies, path: '/' };
  const setSessionCookies = (response: Response, token: string, csrfToken: string) => {
    response.cookie(sessionCookie, token, {
      ...cookieBase,
      httpOnly: true,
      maxAge: sessionLifetimeMs,
    });
    // Readable by the page, which echoes it in X-CSRF-Token.
    response.cookie(csrfCookie, csrfToken, {
      ...cookieBase,
      httpOnly: false,
      maxAge: sessionLifetimeMs,
    });
  };

  return [
    route({
      method: 'post',
      path: '/accounts/patients',
      summary: 'Sign up as a patient; answers with the new patient ID and recovery codes',
      tag: 'accounts',
      access: 'public',
      body: patientSignUp,
      status: 201,
      response: createdAccount,
      errors: [409, 422, 503],
      handler: ({ body }) => {
        const { email, password, hospital, ...profile } = body;
        return accounts.create({
          role: 'patient',
          hospital: hospital ?? accounts.hospitals[0]!.key,
          email,
          password,
          profile,
          recoveryCodes: true,
        });
      },
    }),
    route({
      method: 'post',
      path: '/accounts/doctors',
      summary: 'Sign up as a doctor; the account waits for verification by the hospital admin',
      tag: 'accounts',
      access: 'public',
      body: doctorSignUp,
      status: 201,
      response: createdAccount,
      errors: [409, 422, 503],
      handler: ({ body }) => {
        const { email, password, hospital, ...profile } = body;
        return accounts.create({
          role: 'doctor',
          hospital,
          email,
          password,
          profile,
          recoveryCodes: true,
        });
      },
    }),
    route({
      method: 'post',
      path: '/sessions',
      summary: 'Log in with PatRec ID or e-mail, password and (staff) a TOTP code',
      tag: 'accounts',
      access: 'public',
      body: loginRequest,
      response: sessionInfo,
      errors: [401, 429],
      handler: async ({ body, response }) => {
        const account = await checkLogin(store, (a) => accounts.totpSecretOf(a), body);
        const user = { id: account._id, role: account.role, hospital: account.hospital };
        const { token, session } = await sessions.create(user);
        setSessionCookies(response, token, session.csrfToken);
        return { user, csrfToken: session.csrfToken };
      },
    }),
    route({
      method: 'delete',
      path: '/sessions/current',
      summary: 'Log out',
      tag: 'accounts',
      access: 'authenticated',
      status: 204,
      response: noContent,
      handler: async ({ session, response }) => {
        await sessions.end(session!);
        response.clearCookie(sessionCookie, cookieBase).clearCookie(csrfCookie, cookieBase);
      },
    }),
    route({
      method: 'get',
      path: '/me',
      summary: 'My account and profile',
      tag: 'accounts',
      access: 'authenticated',
      response: me,
      handler: async ({ session }) => meOf(await accountOf(session!.userId)),
    }),
    profileEdit(
      '/me/contact-details',
      'Edit my contact details (patients): address, city, state, country, phone; name, birth date and sex stay as given',
      ['patient'],
      editableProfile.patient,
    ),
    profileEdit(
      '/me/public-profile',
      'Edit my public profile (doctors): specialty, qualification, clinic address, branch, phone, consulting hours',
      ['doctor'],
      editableProfile.doctor,
    ),
    profileEdit(
      '/me/name',
      'Edit my name (admins, auditors)',
      ['admin', 'auditor'],
      editableProfile.admin,
    ),
    route({
      method: 'put',
      path: '/me/password',
      summary:
        'Change my password, giving the current one (and, for staff, an authenticator code); my other sessions end',
      tag: 'accounts',
      access: 'authenticated',
      body: passwordChange,
      response: passwordChanged,
      errors: [429],
      handler: ({ session, body }) => credentials.changePassword(session!, body),
    }),
    route({
      method: 'post',
      path: '/me/recovery-codes',
      summary:
        'Make a new set of one-time recovery codes, shown only in this answer; the old set is void',
      tag: 'accounts',
      access: 'authenticated',
      body: reauthentication,
      status: 201,
      response: recoveryCodeSet,
      errors: [429],
      handler: ({ session, body }) => credentials.newRecoveryCodes(session!, body),
    }),
    route({
      method: 'post',
      path: '/accounts/password-resets',
      summary:
        'Set a new password with a recovery code (forgotten password); spends the code and ends every session',
      tag: 'accounts',
      access: 'public',
      body: passwordReset,
      response: passwordResetDone,
      errors: [401, 429],
      handler: ({ body }) => credentials.resetPassword(body),
    }),
    route({
      method: 'post',
      path: '/me/totp',
      summary:
        'Start TOTP enrolment with the password (and the current code, to move to a new device); the old secret holds until the new one is confirmed (patients)',
      tag: 'accounts',
      access: ['patient'],
      body: reauthentication,
      status: 201,
      response: totpSecret,
      errors: [429],
      handler: ({ session, body }) => credentials.startTotp(session!, body),
    }),
    route({
      method: 'post',
      path: '/me/totp/confirm',
      summary: 'Confirm TOTP enrolment with a code; from then on log-in asks for codes of it',
      tag: 'accounts',
      access: ['patient'],
      body: totpConfirmation,
      status: 204,
      response: noContent,
      errors: [409, 422],
      handler: ({ session, body }) => credentials.confirmTotp(session!, body.code),
    }),
  ];
}
