import { randomUUID } from 'node:crypto';
import dns from 'node:dns/promises';
import {
  type CreateModelConnectionBody,
  createModelConnectionBody,
  type ModelConnection,
  type TestModelConnectionBody,
  type TestModelConnectionResponse,
  testModelConnectionBody,
  type UpdateModelConnectionBody,
  type UsableModelConnection,
  updateModelConnectionBody,
} from '@feedbench/shared';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import type { AuditRecorder } from '../audit/audit.service.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import type { WorkspacesService } from '../workspaces/workspaces.service.ts';
import { type ApiKeyCipher, createApiKeyCipher, resolveSecret, type SecretSource } from './api-key-cipher.ts';
import { refuseUrl } from './guarded-fetch.ts';
import {
  type CompleteRequest,
  type CompletionResult,
  createModelClient,
  DEFAULT_CALL_TIMEOUT_MS,
  ModelCallError,
  type ModelClient,
  type ScoreRequest,
  type ScoreResult,
  type StreamRequest,
} from './model-client.ts';
import { type ModelNetworkPolicy, refuseAddress } from './model-url-guard.ts';
import { modelErrors } from './models.errors.ts';
import { createModelsRepository, type PublicConnectionRow } from './models.repository.ts';

interface Deps {
  db: Database;
  clock: Clock;
  audit: AuditRecorder;
  workspaces: Pick<WorkspacesService, 'manage' | 'list' | 'resolveTarget'>;
  /** The workspace of a project (undefined: no such project). */
  workspaceOfProject(projectId: string): Promise<string | undefined>;
  secret: SecretSource;
  network: ModelNetworkPolicy;
  timeoutMs?: number;
}

function toConnection(row: PublicConnectionRow): ModelConnection {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    name: row.name,
    baseUrl: row.baseUrl,
    model: row.model,
    hasApiKey: row.hasApiKey,
    defaultParams: row.defaultParams,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Model connections and the one way to call them. Instance admins manage instance-wide connections; a workspace's
 * owners and admins (and instance admins) manage the workspace's. Anyone else gets 404. Keys are write-only: encrypted
 * on the way in, decrypted only to build a client for a call, never in a response, an audit record or a log line.
 */
export function createModelsService(deps: Deps) {
  const { db, clock, audit, workspaces, network } = deps;
  const repository = createModelsRepository(db);
  let cipher: ApiKeyCipher | undefined;
  // Resolved on first use: an instance that never stores a key never needs (or generates) a secret.
  const keys = () => {
    cipher ??= createApiKeyCipher(resolveSecret(deps.secret));
    return cipher;
  };
  const encryptKey = (apiKey: string, connectionId: string) => {
    try {
      return keys().encrypt(apiKey, connectionId);
    } catch (error) {
      throw modelErrors.secretUnavailable((error as Error).message);
    }
  };

  /** Save-time SSRF check: the URL and every address its host resolves to now (calls check again, guarded-fetch.ts). */
  async function checkUrl(baseUrl: string) {
    const url = new URL(baseUrl);
    const refusal = refuseUrl(network, url);
    if (refusal) throw modelErrors.urlRefused(refusal);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    let addresses: { address: string }[];
    try {
      addresses = await dns.lookup(host, { all: true });
    } catch (error) {
      throw modelErrors.urlRefused(`${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    for (const { address } of addresses) {
      const addressRefusal = refuseAddress(network, host, address);
      if (addressRefusal) throw modelErrors.urlRefused(addressRefusal);
    }
  }

  /** Managing a connection: instance-wide ones need an instance admin's session; others their workspace's managers. */
  async function mayManage(user: SessionUser, workspaceId: string | null): Promise<boolean> {
    if (workspaceId === null) return user.role === 'admin' && !user.tokenScope;
    try {
      await workspaces.manage(user, workspaceId);
      return true;
    } catch {
      return false;
    }
  }

  async function manageable(user: SessionUser, connectionId: string): Promise<PublicConnectionRow> {
    const row = await repository.find(connectionId);
    if (!row || !(await mayManage(user, row.workspaceId))) throw modelErrors.notFound();
    return row;
  }

  /** A client for one call (the key decrypted here and kept only by the client). */
  async function client(connectionId: string): Promise<ModelClient> {
    const row = await repository.findWithKey(connectionId);
    if (!row) throw new ModelCallError('refused', 'the model connection no longer exists');
    let apiKey: string | null = null;
    if (row.apiKeyEncrypted) {
      try {
        apiKey = keys().decrypt(row.apiKeyEncrypted, row.id);
      } catch {
        throw new ModelCallError(
          'refused',
          "the connection's API key cannot be decrypted (was FEEDBENCH_SECRET changed?): enter the key again",
        );
      }
    }
    return createModelClient(
      { baseUrl: row.baseUrl, model: row.model, apiKey, defaultParams: row.defaultParams },
      { network, timeoutMs: deps.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS },
    );
  }

  /** A workspace's connections and the instance-wide ones, without URLs (those are for the managers). */
  async function usableInWorkspace(workspaceId: string): Promise<UsableModelConnection[]> {
    const rows = await repository.list([workspaceId], true);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      model: r.model,
      workspaceId: r.workspaceId,
      defaultParams: r.defaultParams,
    }));
  }

  async function connectionsUsableIn(projectId: string): Promise<UsableModelConnection[]> {
    const workspaceId = await deps.workspaceOfProject(projectId);
    return workspaceId ? usableInWorkspace(workspaceId) : [];
  }

  return {
    client,
    connectionsUsableIn,

    /**
     * What a new chat project of the workspace may put in its candidate slots, for whoever may create a project
     * there (researchers too, who cannot manage connections): 403 for annotators and project-scoped tokens, 404
     * for a workspace the caller cannot reach.
     */
    async usableForNewProject(user: SessionUser, workspaceId: string): Promise<UsableModelConnection[]> {
      if (user.role === 'annotator' || user.tokenScope?.projectIds) throw modelErrors.cannotCreateProjects();
      const workspace = await workspaces.resolveTarget(user, workspaceId);
      return usableInWorkspace(workspace.id);
    },

    /** Refuses (422) a connection the project may not use: another workspace's, or gone. */
    async assertUsableIn(projectId: string, connectionId: string): Promise<UsableModelConnection> {
      const usable = (await connectionsUsableIn(projectId)).find((c) => c.id === connectionId);
      if (!usable) throw modelErrors.notUsableInProject(connectionId);
      return usable;
    },

    /** `n` choices in one call; no retries (callers retry on ModelCallError.retryable, honouring retryAfterMs). */
    async complete(connectionId: string, request: CompleteRequest): Promise<CompletionResult[]> {
      return (await client(connectionId)).complete(request);
    },

    /** A reward model's score of the conversation's last turn (vLLM's pooling API); no retries. */
    async score(connectionId: string, request: ScoreRequest): Promise<ScoreResult> {
      return (await client(connectionId)).score(request);
    },

    async streamChat(
      connectionId: string,
      request: StreamRequest,
      onDelta: (text: string) => void,
    ): Promise<CompletionResult> {
      return (await client(connectionId)).streamChat(request, onDelta);
    },

    /** The connection's public fields (no key), for callers that show which model answered. */
    async describe(connectionId: string): Promise<ModelConnection | undefined> {
      const row = await repository.find(connectionId);
      return row && toConnection(row);
    },

    /**
     * Connections the caller manages: one workspace's (and the instance-wide ones, read-only to its managers), or
     * without a workspace, every workspace they manage (instance admins: all).
     */
    async list(user: SessionUser, workspaceId?: string): Promise<ModelConnection[]> {
      if (workspaceId) {
        await workspaces.manage(user, workspaceId);
        return (await repository.list([workspaceId], true)).map(toConnection);
      }
      if (user.role === 'admin' && !user.tokenScope) return (await repository.list(null, true)).map(toConnection);
      const managed = (await workspaces.list(user))
        .filter((w) => w.myRole === 'owner' || w.myRole === 'admin' || user.role === 'admin')
        .map((w) => w.id);
      return (await repository.list(managed, managed.length > 0)).map(toConnection);
    },

    async create(user: SessionUser, input: CreateModelConnectionBody): Promise<ModelConnection> {
      const body = createModelConnectionBody.parse(input);
      const workspaceId = body.workspaceId ?? null;
      if (workspaceId === null) {
        if (user.role !== 'admin' || user.tokenScope) throw modelErrors.instanceAdminsOnly();
      } else {
        await workspaces.manage(user, workspaceId);
      }
      await checkUrl(body.baseUrl);
      const id = randomUUID();
      const now = clock.now();
      const row = await repository.insert({
        id,
        workspaceId,
        name: body.name,
        baseUrl: body.baseUrl,
        model: body.model,
        apiKeyEncrypted: body.apiKey ? encryptKey(body.apiKey, id) : null,
        defaultParams: body.defaultParams,
        createdBy: user.id,
        createdAt: now,
        updatedAt: now,
      });
      if (!row) throw modelErrors.nameTaken(body.name);
      await audit.record('model_connection.create', user, {
        target: row.id,
        details: {
          workspaceId,
          name: row.name,
          baseUrl: row.baseUrl,
          model: row.model,
          apiKey: body.apiKey ? 'set' : 'none',
        },
      });
      return toConnection(row);
    },

    async update(user: SessionUser, connectionId: string, input: UpdateModelConnectionBody): Promise<ModelConnection> {
      const body = updateModelConnectionBody.parse(input);
      const before = await manageable(user, connectionId);
      if (body.baseUrl !== undefined) await checkUrl(body.baseUrl);
      if (body.name !== undefined && (await repository.nameTaken(before.workspaceId, body.name, before.id))) {
        throw modelErrors.nameTaken(body.name);
      }
      const apiKeyEncrypted =
        body.apiKey === undefined ? undefined : body.apiKey === null ? null : encryptKey(body.apiKey, before.id);
      const row = await repository.update(before.id, {
        ...(body.name !== undefined && { name: body.name }),
        ...(body.baseUrl !== undefined && { baseUrl: body.baseUrl }),
        ...(body.model !== undefined && { model: body.model }),
        ...(body.defaultParams !== undefined && { defaultParams: body.defaultParams }),
        ...(apiKeyEncrypted !== undefined && { apiKeyEncrypted }),
        updatedAt: clock.now(),
      });
      if (!row) throw modelErrors.notFound();
      const fields = Object.keys(body).filter((k) => k !== 'apiKey');
      await audit.record('model_connection.update', user, {
        target: row.id,
        details: {
          workspaceId: row.workspaceId,
          name: row.name,
          fields,
          ...(body.baseUrl !== undefined && { baseUrl: row.baseUrl }),
          apiKey: body.apiKey === undefined ? 'kept' : body.apiKey === null ? 'removed' : 'replaced',
        },
      });
      return toConnection(row);
    },

    async remove(user: SessionUser, connectionId: string): Promise<ModelConnection> {
      const row = await manageable(user, connectionId);
      if (!(await repository.remove(row.id))) throw modelErrors.notFound();
      await audit.record('model_connection.delete', user, {
        target: row.id,
        details: { workspaceId: row.workspaceId, name: row.name, baseUrl: row.baseUrl, model: row.model },
      });
      return toConnection(row);
    },

    /** "Test connection": one short call; the model's answer or the exact error (the key redacted from it). */
    async test(
      user: SessionUser,
      connectionId: string,
      input: TestModelConnectionBody,
    ): Promise<TestModelConnectionResponse> {
      const row = await manageable(user, connectionId);
      const body = testModelConnectionBody.parse(input);
      try {
        const [result] = await (await client(row.id)).complete({
          messages: [{ role: 'user', content: body.prompt }],
          params: { maxTokens: row.defaultParams.maxTokens ?? 256 },
        });
        if (!result) throw new ModelCallError('invalid_response', 'the endpoint answered without choices');
        return {
          ok: true,
          text: result.text,
          model: result.model,
          finishReason: result.finishReason,
          latencyMs: Math.round(result.latencyMs),
          usage: result.usage,
        };
      } catch (error) {
        if (!(error instanceof ModelCallError)) throw error;
        return { ok: false, kind: error.kind, status: error.status ?? null, message: error.message };
      }
    },
  };
}
export type ModelsService = ReturnType<typeof createModelsService>;
