import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * pglite-socket 0.2.17 queues each wire-protocol MESSAGE separately, so when
 * several connections are busy, connection B's Parse can land between A's
 * Parse and Bind on PGlite's single backend ("bind message supplies 4
 * parameters, but prepared statement "" requires 3", "portal "" does not
 * exist", values bound to the wrong statement). This patch keeps the queue on
 * one connection from its first message until its Sync (or simple Query),
 * and, as before, for as long as it holds a transaction open.
 */
type Item = { handlerId: number; message: Uint8Array; resolve: (n: number) => void; reject: (e: unknown) => void; onData: (d: Uint8Array) => void };
type QueueInternals = {
  queue: Item[];
  processing: boolean;
  lastHandlerId: number | null;
  db: { isInTransaction(): boolean; runExclusive<T>(fn: () => Promise<T>): Promise<T>; execProtocolRawStream(m: Uint8Array, o: { onRawData: (d: Uint8Array) => void }): Promise<unknown> };
  processQueue(): Promise<void>;
  clearQueueForHandler(id: number): void;
};

// Messages after which a connection has finished a request: Sync, simple Query, Terminate, Password/SASL, startup (length prefix, first byte 0).
const ENDS_SEQUENCE = new Set([0x53, 0x51, 0x58, 0x70, 0x00]);

export function serializeProtocolSequences(server: PGLiteSocketServer) {
  const q = (server as unknown as { queryQueue: QueueInternals }).queryQueue;
  let midSequence: number | null = null; // handler that has sent Parse/Bind/… but not yet Sync

  q.processQueue = async function processQueue(this: QueueInternals) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const holder = midSequence ?? (this.db.isInTransaction() ? this.lastHandlerId : null);
        const index = holder === null ? 0 : this.queue.findIndex((item) => item.handlerId === holder);
        if (index === -1) break; // wait for the holder's next message; its enqueue restarts the loop
        const [item] = this.queue.splice(index, 1);
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (d) => {
                bytes += d.length;
                item.onData(d);
              },
            }),
          );
        } catch (error) {
          midSequence = null;
          item.reject(error);
          continue;
        }
        midSequence = ENDS_SEQUENCE.has(item.message[0]) ? null : item.handlerId;
        this.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }.bind(q);

  const clear = q.clearQueueForHandler.bind(q);
  q.clearQueueForHandler = (id: number) => {
    clear(id);
    if (midSequence === id) {
      midSequence = null; // a client that disconnects mid-request must not stall the others
      void q.processQueue();
    }
  };
}
