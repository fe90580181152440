import { HttpProblem } from '../core/server.js';

/** The `{ message }` body the Supabase Management API answers failures with. */
export function supabaseErrorBody(status: number, message: string): { message: string } {
  return { message: status === 404 ? 'Not Found' : message };
}

/** A Management API failure: `status` with `{ message }`. */
export function supabaseError(status: number, message: string): HttpProblem {
  return new HttpProblem(status, { message });
}

/** 400 `{ message }` for a request the API rejects. */
export function badRequest(message: string): HttpProblem {
  return supabaseError(400, message);
}

/** 401 `{"message":"Unauthorized"}` for a missing, malformed or unknown access token. */
export function unauthorized(): HttpProblem {
  return supabaseError(401, 'Unauthorized');
}

/** 404 `{ message: "<what> not found" }`. */
export function notFound(what: string): HttpProblem {
  return supabaseError(404, `${what} not found`);
}
