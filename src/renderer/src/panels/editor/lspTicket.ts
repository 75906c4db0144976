// One gopls request of the editor with a ticket: when the user moves on (Monaco cancels the request:
// the cursor moved, another file opened, the hover closed) the ticket is cancelled in gopls
// (lsp.cancel), and an answer that still arrives after that, or after the model's text changed, or
// after the model was disposed, is dropped: a stale result is never applied.
import type { GopsyApi } from '../../../../shared/api';
import { GopsyError, errorMessage } from '../../../../shared/rpc';

/** What ask needs of a Monaco text model and cancellation token (their structural part). */
export interface TicketModel {
  getVersionId(): number;
  isDisposed(): boolean;
}
export interface TicketToken {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

let ticketSeq = 0;

/** Runs one request with a ticket; undefined when the user moved on or gopls failed (then said once). */
export async function askWithTicket<T>(
  api: GopsyApi,
  problem: (message: string | null) => void,
  model: TicketModel,
  token: TicketToken,
  call: (ticket: string) => Promise<T>,
): Promise<T | undefined> {
  const ticket = `t${++ticketSeq}`;
  const version = model.getVersionId();
  const sub = token.onCancellationRequested(() => void api.call('lsp.cancel', { ticket }).catch(() => {}));
  try {
    const result = await call(ticket);
    if (token.isCancellationRequested || model.isDisposed() || model.getVersionId() !== version) return undefined;
    problem(null);
    return result;
  } catch (err) {
    if (!(err instanceof GopsyError && err.code === 'outside-project')) problem(errorMessage(err));
    return undefined;
  } finally {
    sub.dispose();
  }
}
