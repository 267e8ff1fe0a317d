import { readFileSync } from 'node:fs';

/** One demo account as `npm start` writes it to the demo logins file. */
export interface DemoLogin {
  id: string;
  email: string;
  role: 'patient' | 'doctor' | 'admin' | 'auditor';
  hospital: string;
  password: string;
  totpSecret?: string;
}

export function demoLogins(): DemoLogin[] {
  const file = process.env.PATREC_DEMO_LOGINS;
  if (!file)
    throw new Error('set PATREC_DEMO_LOGINS to the demo logins file (npm start writes it)');
  return JSON.parse(readFileSync(file, 'utf8')) as DemoLogin[];
}

export function webUrl(): string {
  const url = process.env.PATREC_WEB_URL;
  if (!url)
    throw new Error('set PATREC_WEB_URL to the running web app, e.g. http://127.0.0.1:3000');
  return url.replace(/\/$/, '');
}

/** A name no earlier run used, so a run can repeat against the same network. */
export const runTag = () => `${process.pid}${Math.floor(performance.now())}`;
