import {
  type CreateProjectBody,
  CSRF_HEADER,
  csrfResponse,
  importResultSchema,
  type MemberRole,
  memberListResponse,
  meResponse,
  nextTaskResponse,
  projectSchema,
  type SubmitBody,
  submitResponse,
  type UserRole,
} from '@feedbench/shared';
import { type APIRequestContext, type APIResponse, expect, request } from '@playwright/test';
import { ADMIN, BASE_URL } from './env.ts';

/** Arrange data through the real API (never the database): every helper parses the answer with the shared contract. */

export interface Account {
  email: string;
  password: string;
  role: UserRole;
}

async function parsed<T>(response: APIResponse, schema: { parse: (value: unknown) => T }): Promise<T> {
  expect(response.ok(), `${response.url()} answered ${response.status()}: ${await response.text()}`).toBe(true);
  return schema.parse(await response.json());
}

/**
 * A request context with its own cookie jar, signed in as `account`, that sends what the SPA sends: the session
 * cookie and the CSRF token read from GET /api/auth/csrf (changes are refused without it).
 */
export async function signedIn(account: Pick<Account, 'email' | 'password'>): Promise<APIRequestContext> {
  const login = await request.newContext({ baseURL: BASE_URL });
  await parsed(await login.post('/api/auth/login', { data: account }), meResponse);
  const { csrfToken } = await parsed(await login.get('/api/auth/csrf'), csrfResponse);
  const storageState = await login.storageState();
  await login.dispose();
  return request.newContext({
    baseURL: BASE_URL,
    storageState,
    // A new connection per request: a kept-alive one left idle for the server's keep-alive timeout (a worker's admin
    // context between specs) can be closed by the server just as the next request goes out (ECONNRESET).
    extraHTTPHeaders: { connection: 'close', ...(csrfToken ? { [CSRF_HEADER]: csrfToken } : {}) },
  });
}

let admin: Promise<APIRequestContext> | undefined;
/** One admin session per worker: a sign-in (one scrypt) for every account made would slow every spec down. */
const adminContext = () => {
  admin ??= signedIn(ADMIN);
  return admin;
};

let counter = 0;
/** A fresh account with a unique email, so every test owns its people. */
export async function createAccount(role: UserRole, name: string = role): Promise<Account> {
  const as = await adminContext();
  counter += 1;
  const account = {
    // The process id too: two workers can reach the same counter in the same millisecond.
    email: `${name}-${Date.now().toString(36)}-${process.pid.toString(36)}-${counter}@e2e.test`,
    password: `${name}-password-1`,
    role,
  };
  const response = await as.post('/api/users', { data: account });
  expect(response.status(), await response.text()).toBe(201);
  return account;
}

export async function createProject(as: APIRequestContext, body: CreateProjectBody) {
  return parsed(await as.post('/api/projects', { data: body }), projectSchema);
}

export async function importJsonl(as: APIRequestContext, projectId: string, jsonl: string) {
  const response = await as.post(`/api/projects/${projectId}/imports`, {
    data: jsonl,
    headers: { 'content-type': 'application/x-ndjson' },
  });
  return parsed(response, importResultSchema);
}

export async function addMember(as: APIRequestContext, projectId: string, email: string, role: MemberRole) {
  return parsed(await as.post(`/api/projects/${projectId}/members`, { data: { email, role } }), memberListResponse);
}

export async function nextTask(as: APIRequestContext, projectId: string) {
  return (await parsed(await as.post(`/api/projects/${projectId}/tasks/next`), nextTaskResponse)).task;
}

export async function submit(as: APIRequestContext, leaseId: string, body: SubmitBody) {
  return parsed(await as.post(`/api/leases/${leaseId}/submit`, { data: body }), submitResponse);
}

/** The export as parsed JSONL lines. */
export async function exportLines(as: APIRequestContext, projectId: string, format: string): Promise<unknown[]> {
  const response = await as.get(`/api/projects/${projectId}/export?format=${format}`);
  expect(response.ok(), await response.text()).toBe(true);
  return parseJsonl(await response.text());
}

export function parseJsonl(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

/**
 * A project with items and an annotator member, made by a researcher: the usual starting point of annotator specs.
 */
export async function arrangeProject(kind: CreateProjectBody['kind'], jsonl: string, guidelines = '') {
  const researcher = await createAccount('researcher');
  const annotator = await createAccount('annotator');
  const researcherApi = await signedIn(researcher);
  const project = await createProject(researcherApi, { name: `${kind} ${Date.now().toString(36)}`, kind, guidelines });
  await importJsonl(researcherApi, project.id, jsonl);
  await addMember(researcherApi, project.id, annotator.email, 'annotator');
  return { researcher, annotator, researcherApi, project };
}
