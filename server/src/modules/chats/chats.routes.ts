import {
  type ChatStreamEvent,
  chatCandidateParams,
  chatSessionResponse,
  chatStopResponse,
  chatTurnBody,
  chatTurnDraftBody,
  chatTurnParams,
  completeChatTurnBody,
  leaseIdParams,
  saveDraftResponse,
} from '@feedbench/shared';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../plugins/authenticate.ts';
import type { ChatsService } from './chats.service.ts';
import type { EventChannel } from './event-channel.ts';

/**
 * Streams are Server-Sent Events on the POST that starts them (`text/event-stream`, read with fetch in the browser),
 * not the project websocket: the stream belongs to one request of one annotator, so it carries that request's
 * cookie, CSRF token and permission checks like every other write; a refusal is an ordinary JSON 4xx before the
 * first byte; closing the request (a reload) is the signal that the page went away; and it needs no socket
 * registry or fan-out. Stop and regenerate are separate small calls.
 */
async function streamEvents(
  reply: FastifyReply,
  start: (signal: AbortSignal) => Promise<EventChannel<ChatStreamEvent>>,
) {
  const pageGone = new AbortController();
  // 'close' before the response ended: the browser went away (reload, closed tab, network).
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) pageGone.abort();
  });
  const channel = await start(pageGone.signal);
  reply.hijack();
  reply.raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    // Proxies (nginx) must pass each event on at once.
    'x-accel-buffering': 'no',
    'x-content-type-options': 'nosniff',
  });
  for await (const event of channel) {
    if (pageGone.signal.aborted) continue;
    reply.raw.write(`data: ${JSON.stringify(event)}\n\n`);
  }
  reply.raw.end();
}

const streamResponse = { 200: z.string().describe('text/event-stream of chat stream events (ChatStreamEvent)') };

export function chatsRoutes(chats: ChatsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/leases/:leaseId/chat',
      { schema: { tags: ['chats'], params: leaseIdParams, response: { 200: chatSessionResponse } } },
      async (request) => ({ session: await chats.open(requireUser(request), request.params.leaseId) }),
    );

    app.post(
      '/api/leases/:leaseId/chat/turns',
      { schema: { tags: ['chats'], params: leaseIdParams, body: chatTurnBody, response: streamResponse } },
      (request, reply) =>
        streamEvents(reply, (signal) =>
          chats.startTurn(requireUser(request), request.params.leaseId, request.body, signal),
        ),
    );

    app.post(
      '/api/leases/:leaseId/chat/candidates/:candidateId/regenerate',
      { schema: { tags: ['chats'], params: chatCandidateParams, response: streamResponse } },
      (request, reply) =>
        streamEvents(reply, (signal) =>
          chats.regenerate(requireUser(request), request.params.leaseId, request.params.candidateId, signal),
        ),
    );

    app.post(
      '/api/leases/:leaseId/chat/candidates/:candidateId/stop',
      { schema: { tags: ['chats'], params: chatCandidateParams, response: { 200: chatStopResponse } } },
      (request) => chats.stop(requireUser(request), request.params.leaseId, request.params.candidateId),
    );

    app.put(
      '/api/leases/:leaseId/chat/turns/:turnNo/draft',
      {
        schema: {
          tags: ['chats'],
          params: chatTurnParams,
          body: chatTurnDraftBody,
          response: { 200: saveDraftResponse.pick({ savedAt: true }) },
        },
      },
      (request) => chats.saveDraft(requireUser(request), request.params.leaseId, request.params.turnNo, request.body),
    );

    app.post(
      '/api/leases/:leaseId/chat/turns/:turnNo/complete',
      {
        schema: {
          tags: ['chats'],
          params: chatTurnParams,
          body: completeChatTurnBody,
          response: { 200: chatSessionResponse },
        },
      },
      async (request) => ({
        session: await chats.completeTurn(
          requireUser(request),
          request.params.leaseId,
          request.params.turnNo,
          request.body,
        ),
      }),
    );
  };
}
