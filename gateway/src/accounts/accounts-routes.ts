import type { CookieOptions, Response } from 'express';
import { seal } from '../crypto/envelope.js';
import { ApiError } from '../http/api-error.js';
import { route, type Route } from '../http/route.js';
import type { AccountStore } from './account-store.js';
import type { AccountsService } from './accounts-service.js';
import { checkLogin } from './login.js';
import {
  createdAccount,
  doctorSignUp,
  loginRequest,
  me,
  noContent,
  patientSignUp,
  sessionInfo,
  totpConfirmation,
  totpSecret,
} from '@patrec/contract';
import { csrfCookie, sessionCookie } from './session.js';
import { sessionLifetimeMs, type SessionStore } from './session-store.js';
import { newTotpSecret, totpUri, verifyTotp } from './totp.js';

export interface AccountsDependencies {
  accounts: AccountsService;
  store: AccountStore;
  sessions: SessionStore;
  masterKey: Buffer;
  secureCookies: boolean;
}

/** Sign-up, log-in and log-out, the person's own account, and TOTP for patients. */
export function accountsRoutes(deps: AccountsDependencies): Route[] {
  const { accounts, store, sessions } = deps;
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
      summary: 'Sign up as a patient; answers with the new patient ID',
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
        return accounts.create({ role: 'doctor', hospital, email, password, profile });
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
      handler: async ({ session }) => {
        const account = await store.findById(session!.userId);
        if (!account) throw new ApiError('NOT_FOUND', 'this account no longer exists');
        return {
          id: account._id,
          role: account.role,
          hospital: account.hospital,
          email: account.email,
          createdAt: account.createdAt.toISOString(),
          totpEnabled: account.totp?.confirmed === true,
          profile: await accounts.profileOf(account),
        };
      },
    }),
    route({
      method: 'post',
      path: '/me/totp',
      summary: 'Start TOTP enrolment (patients; staff have it from sign-up)',
      tag: 'accounts',
      access: ['patient'],
      status: 201,
      response: totpSecret,
      handler: async ({ session }) => {
        const secret = newTotpSecret();
        const id = session!.userId;
        await store.accounts.updateOne(
          { _id: id },
          {
            $set: {
              totp: {
                secret: seal(deps.masterKey, Buffer.from(secret), `totp:${id}`),
                confirmed: false,
              },
            },
          },
        );
        return { secret, uri: totpUri(secret, id) };
      },
    }),
    route({
      method: 'post',
      path: '/me/totp/confirm',
      summary: 'Confirm TOTP enrolment with a code; from then on log-in asks for one',
      tag: 'accounts',
      access: ['patient'],
      body: totpConfirmation,
      status: 204,
      response: noContent,
      errors: [409, 422],
      handler: async ({ session, body }) => {
        const account = await store.findById(session!.userId);
        if (!account?.totp) throw new ApiError('CONFLICT', 'start TOTP enrolment first');
        const secret = accounts.totpSecretOf(account);
        if (!secret || !verifyTotp(secret, body.code, account._id)) {
          throw new ApiError(
            'UNPROCESSABLE',
            'that code does not match; check the time on your device',
          );
        }
        await store.accounts.updateOne({ _id: account._id }, { $set: { 'totp.confirmed': true } });
      },
    }),
  ];
}
