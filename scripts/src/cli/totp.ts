import { Secret, TOTP } from 'otpauth';
import { readDemoLogins } from '../services/demo-accounts.js';
import { runCli } from './run-cli.js';

class UnknownLogin extends Error {
  override name = 'UnknownLogin';
}

/** `npm run totp -- DOC100`: the current authenticator code of a demo account. */
runCli(() => {
  const login = process.argv[2] ?? '';
  const account = readDemoLogins().find((l) => l.id === login.toUpperCase() || l.email === login);
  if (!account?.totpSecret) {
    throw new UnknownLogin(
      `no demo account with TOTP is called "${login}"; staff demo accounts: ` +
        readDemoLogins()
          .filter((l) => l.totpSecret)
          .map((l) => l.id)
          .join(', '),
    );
  }
  const totp = new TOTP({ label: account.id, secret: Secret.fromBase32(account.totpSecret) });
  console.log(totp.generate());
  return Promise.resolve();
});
