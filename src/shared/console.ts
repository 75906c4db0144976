// The console's flow-control numbers: the backend batches pty output and pauses the pty while the
// renderer is behind; the renderer acknowledges what xterm has parsed. Both sides count characters.

/** Pause the pty when the renderer is this many characters behind (VS Code's value). */
export const HIGH_WATERMARK_CHARS = 100_000;
/** Resume once it has caught up to this many unacknowledged characters. */
export const LOW_WATERMARK_CHARS = 5_000;
/** Output is coalesced for this long before it is sent (fewer, larger messages). */
export const BATCH_MS = 5;
/** A batch is sent at once when it grows past this, so one message never gets huge. */
export const BATCH_MAX_CHARS = 64 * 1024;
/** The renderer acks in units of this many characters (not above the low watermark, or a paused pty would never resume). */
export const ACK_CHUNK_CHARS = 5_000;
