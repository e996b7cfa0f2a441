import { timingSafeEqual } from "node:crypto";
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * PGlite answers every StartupMessage with AuthenticationOk: any local process
 * (any user of the machine) could open the embedded database on its loopback
 * port. This makes the socket ask for a password (AuthenticationCleartextPassword;
 * the socket is loopback-only) and pass the startup on to PGlite only after the
 * client sent the data directory's generated secret (lib/db/embedded.ts). Any
 * other first message, or a wrong password, gets an ErrorResponse (28P01) and
 * the connection is closed. Issue 11, hole 5.
 */
type Enqueue = (handlerId: number, message: Uint8Array, onData: (d: Uint8Array) => void) => Promise<number>;
type QueueInternals = { enqueue: Enqueue; clearQueueForHandler(id: number): void };

const PROTOCOL_3 = 196608;

function isStartup(m: Uint8Array) {
  return m.length >= 8 && Buffer.from(m).readInt32BE(4) === PROTOCOL_3;
}

/** AuthenticationCleartextPassword: 'R', length 8, code 3. */
const ASK_PASSWORD = Uint8Array.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]);

export function errorResponse(message: string, code = "28P01"): Uint8Array {
  const fields = Buffer.concat([Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${message}\0`, "utf8"), Buffer.from([0])]);
  const head = Buffer.alloc(5);
  head[0] = 0x45; // 'E'
  head.writeInt32BE(4 + fields.length, 1);
  return new Uint8Array(Buffer.concat([head, fields]));
}

/** The password of a PasswordMessage ('p', length, NUL-terminated string), or null. */
function passwordOf(m: Uint8Array): Buffer | null {
  if (m[0] !== 0x70 || m.length < 6) return null;
  const body = Buffer.from(m.subarray(5));
  const end = body.indexOf(0);
  return end < 0 ? null : body.subarray(0, end);
}

export function requireSocketPassword(server: PGLiteSocketServer, password: string) {
  const q = (server as unknown as { queryQueue: QueueInternals }).queryQueue;
  const expected = Buffer.from(password, "utf8");
  const pending = new Map<number, Uint8Array>(); // handler → its held StartupMessage
  const authenticated = new Set<number>();
  const enqueue = q.enqueue.bind(q);

  q.enqueue = (handlerId, message, onData) => {
    if (authenticated.has(handlerId)) return enqueue(handlerId, message, onData);
    const refuse = (why: string) => {
      pending.delete(handlerId);
      onData(errorResponse(why));
      return Promise.reject(new Error(why)); // the handler closes the connection
    };
    const startup = pending.get(handlerId);
    if (!startup) {
      if (!isStartup(message)) return refuse("expected a startup message");
      pending.set(handlerId, message);
      onData(ASK_PASSWORD);
      return Promise.resolve(ASK_PASSWORD.length);
    }
    const got = passwordOf(message);
    if (!got || got.length !== expected.length || !timingSafeEqual(got, expected)) return refuse("password authentication failed");
    pending.delete(handlerId);
    authenticated.add(handlerId);
    return enqueue(handlerId, startup, onData);
  };

  const clear = q.clearQueueForHandler.bind(q);
  q.clearQueueForHandler = (id: number) => {
    pending.delete(id);
    authenticated.delete(id);
    clear(id);
  };
}
