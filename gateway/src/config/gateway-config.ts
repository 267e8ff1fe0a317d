import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** One hospital as the gateway reaches it: its CA (to enrol people) and its peer. */
const hospital = z.object({
  key: z.string().regex(/^[a-z][a-z0-9-]*$/),
  name: z.string().min(1),
  mspId: z.string().min(1),
  ca: z.object({
    url: z.url(),
    caName: z.string().min(1),
    rootCertFile: z.string().min(1),
    /** The CA's registrar, whose identity signs registrations of new people. */
    registrar: z.object({ certFile: z.string().min(1), keyFile: z.string().min(1) }),
  }),
  peer: z.object({
    endpoint: z.string().regex(/^[^:]+:\d+$/),
    tlsRootCertFile: z.string().min(1),
  }),
});

/** The network as the gateway sees it; `npm start` writes it from network/network.json. */
export const networkProfile = z.object({
  channel: z.string().min(1),
  chaincode: z.string().min(1),
  tlsHostname: z.string().min(1),
  hospitals: z.array(hospital).min(1),
});

export type NetworkProfile = z.infer<typeof networkProfile>;
export type HospitalProfile = z.infer<typeof hospital>;

export interface GatewayConfig {
  host: string;
  port: number;
  mongodbUri: string;
  databaseName: string;
  /** 32 bytes that wrap every data key; kept out of the database. */
  masterKey: Buffer;
  /** Send cookies only over HTTPS: the public URL people open is https. */
  secureCookies: boolean;
  network: NetworkProfile;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the configuration once at start; every problem names the variable to set. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const need = (name: string) => {
    const value = env[name];
    if (!value) throw new ConfigError(`${name} is not set (npm start sets it; see README)`);
    return value;
  };
  const masterKey = Buffer.from(need('PATREC_MASTER_KEY'), 'base64');
  if (masterKey.length !== 32) {
    throw new ConfigError('PATREC_MASTER_KEY must be 32 bytes in base64 (openssl rand -base64 32)');
  }
  const profileFile = need('PATREC_NETWORK_PROFILE');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(profileFile, 'utf8'));
  } catch (error) {
    throw new ConfigError(`PATREC_NETWORK_PROFILE ${profileFile} cannot be read: ${String(error)}`);
  }
  const parsed = networkProfile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      `PATREC_NETWORK_PROFILE ${profileFile}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`,
    );
  }
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError(`PORT must be a port number, not ${env.PORT}`);
  }
  return {
    host: env.HOST ?? '127.0.0.1',
    port,
    mongodbUri: need('MONGODB_URI'),
    databaseName: env.PATREC_DATABASE ?? 'patrec',
    masterKey,
    secureCookies: servedOverHttps(env),
    network: parsed.data,
  };
}

/**
 * Whether people open PatRec over https: PATREC_PUBLIC_URL, the address they use (perhaps a
 * TLS-terminating proxy in front of the web app). Unset: the web app on this machine, http.
 */
export function servedOverHttps(env: NodeJS.ProcessEnv): boolean {
  const value = env.PATREC_PUBLIC_URL;
  if (value === undefined) return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    throw new ConfigError(
      `PATREC_PUBLIC_URL must be the URL people open PatRec at, such as https://ehr.example.org, not ${value}`,
    );
  }
}
