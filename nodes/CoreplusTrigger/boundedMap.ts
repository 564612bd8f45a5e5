/**
 * A process-wide map with a bound: past `limit` entries the oldest written is dropped. For the
 * trigger's per-workflow memories (delivery nonces, reconciliation times), where losing an entry
 * costs only a repeat (a `redelivered` event, one more reconciliation), never a lost event.
 */
export class BoundedMap<K, V> {
	private readonly entries = new Map<K, V>();

	constructor(private readonly limit: number) {}

	get(key: K): V | undefined {
		return this.entries.get(key);
	}

	set(key: K, value: V): void {
		this.entries.delete(key);
		this.entries.set(key, value);
		if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as K);
	}

	delete(key: K): void {
		this.entries.delete(key);
	}

	get size(): number {
		return this.entries.size;
	}
}

/** Workflows with an active coreplus Trigger one n8n process is expected to hold, with room to spare. */
export const TRIGGERS_PER_PROCESS = 10_000;
