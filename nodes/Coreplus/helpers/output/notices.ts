import type { NodeExecutionHint } from 'n8n-workflow';

import type { Notice } from '../../transport/envelope';
import type { CoreplusContext } from '../../transport/request';

/** Contexts that can show a notice: executions have output hints, every context has a logger. */
type NoticeContext = CoreplusContext & {
	addExecutionHints?: (...hints: NodeExecutionHint[]) => void;
	logger?: { warn(message: string): void };
};

const announced = new WeakMap<object, Set<string>>();

/** Shows a notice once per node run: in the output pane where n8n offers hints, and in the log. */
export function announce(context: CoreplusContext, message: string): void {
	const seen = announced.get(context) ?? new Set<string>();
	announced.set(context, seen);
	if (seen.has(message)) return;
	seen.add(message);
	const noticeContext = context as NoticeContext;
	if (typeof noticeContext.addExecutionHints === 'function') {
		noticeContext.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
	}
	noticeContext.logger?.warn(message);
}

/** The `notice` a read passes its adaptations to (transport/envelope.ts), shown by `announce`. */
export function noticeFor(context: CoreplusContext): Notice {
	return (message) => announce(context, message);
}
