import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Session } from '../accounts/session.js';

import type { Role } from '@patrec/contract/core';

export type { Role };

/** Who may call a route: anyone, anyone logged in, or the listed roles. */
export type Access = 'public' | 'authenticated' | readonly Role[];

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  session: Session | undefined;
  request: Request;
  response: Response;
}

/**
 * One endpoint: its validators (which also generate the OpenAPI document) and its handler.
 * The handler returns the response body; `status` says which status a success has.
 */
export interface Route<P = unknown, Q = unknown, B = unknown> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express-style path under /api, e.g. `/records/:recordId`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  status?: number;
  /** What a success answers with (`noContent` for 204); the OpenAPI document shows it. */
  response: z.ZodType;
  /** Set for a stream: each event's data has the `response` shape. */
  stream?: 'text/event-stream';
  /** Error codes this route may answer with, for the document. */
  errors?: number[];
  handler: (input: RouteInput<P, Q, B>) => Promise<unknown>;
}

/** Keeps each route's types while collecting routes of different shapes in one list. */
export function route<P, Q, B>(definition: Route<P, Q, B>): Route {
  return definition as unknown as Route;
}
