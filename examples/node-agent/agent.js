// An example SYMBI agent: takes tasks that need the `echo` capability and answers each with its input.
// The wire protocol is described in docs/protocol.md; this file uses nothing else but the `ws` package.
//
//   SYMBI_URL=ws://127.0.0.1:8765/ws SYMBI_TOKEN=<agent token> SYMBI_AGENT_ID=echo-node node agent.js
'use strict';

const { randomUUID } = require('node:crypto');
const WebSocket = require('ws');

const url = required('SYMBI_URL');
const agentId = required('SYMBI_AGENT_ID');
let token = required('SYMBI_TOKEN');
const capabilities = (process.env.SYMBI_CAPABILITIES || 'echo').split(',');

const ACK_BATCH = 64; // at most 1024 ids fit in one ack
const ACK_DELAY_MS = 20;
const SEEN_LIMIT = 10000;
const BACKOFF_MIN_MS = 250;
const BACKOFF_MAX_MS = 30000;

let socket = null;
let welcomed = false;
let heartbeatTimer = null;
let heartbeatEvery = 0;
let ackTimer = null;
let pendingAcks = [];
let failedAttempts = 0;
let tokenSpent = false;
let closing = false;
const activeTasks = new Set();
// message ids already handled: a redelivery is acked again but not handled twice (insertion-ordered, bounded)
const seen = new Set();
// durable envelopes sent but not yet receipted, resent with the same id after a reconnect
const unreceipted = new Map();

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set`);
    process.exit(2);
  }
  return value;
}

function log(...args) {
  console.log(new Date().toISOString(), ...args);
}

function envelope(type, payload, extra = {}) {
  return {
    protocol_version: '1.0',
    message_id: randomUUID(),
    from_agent: agentId,
    to_agent: 'orchestrator',
    message_type: type,
    timestamp: Date.now(),
    payload,
    ...extra,
  };
}

function send(env, { durable = false } = {}) {
  const text = JSON.stringify(env);
  if (durable) {
    unreceipted.set(env.message_id, text);
  }
  if (socket && socket.readyState === WebSocket.OPEN) {
    socket.send(text);
  }
}

// The room takes each token on one connection only: trade the last one for a fresh one before reconnecting.
async function freshToken() {
  if (!tokenSpent) {
    tokenSpent = true;
    return token;
  }
  const base = url.replace(/^ws/, 'http').replace(/\/ws$/, '');
  const response = await fetch(`${base}/api/agents/token`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!response.ok) {
    throw new Error(`token renewal refused: ${response.status} ${await response.text()}`);
  }
  token = (await response.json()).token;
  return token;
}

async function connect() {
  let bearer;
  try {
    bearer = await freshToken();
  } catch (e) {
    log('cannot get a token:', e.message);
    return reconnectLater();
  }
  const ws = new WebSocket(url, { headers: { Authorization: `Bearer ${bearer}` } });
  socket = ws;
  ws.on('open', () => {
    // registration is the first frame of every connection
    ws.send(JSON.stringify(envelope('register', {
      agent_id: agentId,
      agent_type: 'echo',
      capabilities,
      version: '0.1.0',
      max_concurrent_tasks: 4,
    })));
  });
  ws.on('message', (data) => onFrame(JSON.parse(data.toString('utf8'))));
  ws.on('close', (code, reason) => {
    if (socket === ws) {
      lost(`closed ${code} ${reason}`);
    }
  });
  ws.on('error', (e) => log('socket error:', e.message));
}

function onFrame(frame) {
  switch (frame.frame) {
    case 'welcome':
      welcomed = true;
      failedAttempts = 0;
      log(`welcome: session ${frame.session_id}, heartbeat every ${frame.heartbeat_interval_ms} ms`);
      clearInterval(heartbeatTimer);
      heartbeat();
      heartbeatEvery = frame.heartbeat_interval_ms;
      heartbeatTimer = setInterval(heartbeat, heartbeatEvery);
      for (const text of unreceipted.values()) {
        socket.send(text);
      }
      break;
    case 'deliver':
      onDeliver(frame);
      break;
    case 'receipt':
      unreceipted.delete(frame.message_id);
      // the room paces heartbeats by how many agents are online
      if (frame.heartbeat_interval_ms && frame.heartbeat_interval_ms !== heartbeatEvery && heartbeatTimer) {
        heartbeatEvery = frame.heartbeat_interval_ms;
        clearInterval(heartbeatTimer);
        heartbeatTimer = setInterval(heartbeat, heartbeatEvery);
      }
      if (frame.outcome === 'refused') {
        log(`refused ${frame.message_id}: ${frame.code} ${frame.reason}`);
      }
      break;
    case 'error':
      log(`room error ${frame.code}: ${frame.message}`);
      if (frame.ref_message_id) {
        unreceipted.delete(frame.ref_message_id);
      }
      break;
    default:
      log('unknown frame', frame.frame);
  }
}

function onDeliver(frame) {
  const env = frame.envelope;
  if (!seen.has(env.message_id)) {
    seen.add(env.message_id);
    if (seen.size > SEEN_LIMIT) {
      seen.delete(seen.values().next().value);
    }
    handle(env).catch((e) => log(`handling ${env.message_id} failed:`, e.message));
  }
  ack(frame.delivery_id);
}

async function handle(env) {
  if (env.message_type !== 'task_request') {
    log(`${env.message_type} from ${env.from_agent}`);
    return;
  }
  const task = env.payload;
  activeTasks.add(task.task_id);
  const input = task.input === undefined ? null : task.input;
  send(envelope('trace_step', {
    task_id: task.task_id,
    kind: 'thought',
    content: 'an echo task: the answer is the input itself',
    confidence: 1.0,
  }));
  const result = { task_id: task.task_id, epoch: task.epoch || 0, outcome: 'success', result: { echo: input } };
  send(envelope('task_response', result, { correlation_id: env.message_id, causal_chain_id: env.causal_chain_id,
    hop_count: (env.hop_count || 0) + 1 }), { durable: true });
  activeTasks.delete(task.task_id);
  log(`task ${task.task_id} echoed`);
}

function ack(deliveryId) {
  pendingAcks.push(deliveryId);
  if (pendingAcks.length >= ACK_BATCH) {
    flushAcks();
  } else if (!ackTimer) {
    ackTimer = setTimeout(flushAcks, ACK_DELAY_MS);
  }
}

function flushAcks() {
  clearTimeout(ackTimer);
  ackTimer = null;
  if (pendingAcks.length > 0 && welcomed) {
    send(envelope('ack', { delivery_ids: pendingAcks }));
  }
  pendingAcks = [];
}

function heartbeat() {
  const load = Math.min(1, activeTasks.size / 4);
  send(envelope('heartbeat', { status: load >= 1 ? 'busy' : 'available', load, active_tasks: activeTasks.size }));
}

function lost(why) {
  socket = null;
  welcomed = false;
  clearInterval(heartbeatTimer);
  clearTimeout(ackTimer);
  ackTimer = null;
  // delivery ids of the old connection are stale: the room redelivers under new ids
  pendingAcks = [];
  if (closing) {
    return;
  }
  log(`connection lost (${why}); reconnecting`);
  reconnectLater();
}

function reconnectLater() {
  const cap = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.min(failedAttempts, 20));
  failedAttempts++;
  setTimeout(connect, cap / 2 + Math.random() * (cap / 2));
}

function shutdown() {
  closing = true;
  flushAcks();
  clearInterval(heartbeatTimer);
  if (socket) {
    socket.close(1000, 'agent closing');
  }
  setTimeout(() => process.exit(0), 500).unref();
}

process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
connect();
