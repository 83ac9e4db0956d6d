import { type ModelConnection, modelConnectionSchema } from '@feedbench/shared';
import { type APIRequestContext, expect, test } from '@playwright/test';
import {
  type OpenAICompatibleServer,
  type OpenAICompatibleServerOptions,
  startOpenAICompatibleServer,
} from '../../server/src/test/openai-compatible-server.ts';

/**
 * A local OpenAI-compatible server for the spec file that calls this at its top level: started before its tests,
 * closed after them. Returns the running server (read it inside tests).
 */
export function modelServerForThisFile(options: OpenAICompatibleServerOptions = {}): () => OpenAICompatibleServer {
  let model: OpenAICompatibleServer | undefined;
  test.beforeAll(async () => {
    model = await startOpenAICompatibleServer({ port: 0, ...options });
  });
  test.afterAll(async () => {
    await model?.close();
  });
  return () => {
    if (!model) throw new Error('the model server starts in beforeAll');
    return model;
  };
}

/** The default workspace, where new accounts are members (other specs make the admin a member of theirs too). */
export async function defaultWorkspaceId(admin: APIRequestContext): Promise<string> {
  const { workspaces } = (await (await admin.get('/api/workspaces')).json()) as {
    workspaces: { id: string; slug: string }[];
  };
  const id = workspaces.find((w) => w.slug === 'default')?.id;
  if (!id) throw new Error('no default workspace');
  return id;
}

/** One model connection per seed, on `model`, named uniquely for this run (replies are deterministic per seed). */
export async function connectModels(
  admin: APIRequestContext,
  workspaceId: string,
  model: OpenAICompatibleServer,
  seeds: readonly number[],
  prefix: string,
): Promise<ModelConnection[]> {
  const connections: ModelConnection[] = [];
  for (const [index, seed] of seeds.entries()) {
    const created = await admin.post('/api/model-connections', {
      data: {
        workspaceId,
        name: `${prefix} ${index} ${Date.now().toString(36)}`,
        baseUrl: model.url,
        model: `${prefix.replaceAll(' ', '-')}-${index}`,
        defaultParams: { seed },
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    connections.push(modelConnectionSchema.parse(await created.json()));
  }
  return connections;
}
