import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { verifyRequest } from './auth';
import { DEMO_ACCESS_TOKEN, DEMO_CONSUMER, type EmulatorConsumer } from './consumers';
import { createSeedData, seededRandom, type EmulatorData, type SeedOptions } from './data';
import { EnvelopeSwitches } from './envelopes';
import { shapePreset, ShapeSwitches, type AnswerShapes } from './shapes';
import { EmulatorHttpError, errorBody } from './http';
import { capPageSize } from './paging';
import { routes as defaultRoutes } from './routes';
import type { ClientNameFilter } from './routes/clientSearch';
import { matchRoute, type Route } from './routes/types';

export const REQUESTS_PER_SECOND = 10;

export interface RecordedRequest {
	method: string;
	/** The absolute URL as received (what the `url` claim must equal). */
	url: string;
	/** Path below /API/Core/<version>/ as sent (case kept, no query). */
	path: string;
	apiVersion?: string;
	query: URLSearchParams;
	headers: IncomingMessage['headers'];
	/** Claims of a verified token; undefined when the token was rejected. */
	claims?: Record<string, unknown>;
	token?: string;
	rawBody: Buffer;
	json?: unknown;
	status: number;
	/** coreplus' reason text when the request was refused. */
	reason?: string;
	/** Refused with 429 only because the consumer went over 10 requests a second: coreplus did not act. */
	overRateLimit?: boolean;
	receivedAt: number;
}

export type FaultKind =
	| 'status'
	| 'resetBefore'
	| 'resetAfter'
	| 'slow'
	| 'truncated'
	| 'nonJson'
	| 'changingTotal'
	| 'date'
	| 'trickle'
	| 'statusBeforeBody';

export interface Fault {
	kind: FaultKind;
	method?: string;
	/** Lower-case path below /API/Core/<version>/ without trailing slash, e.g. `client`; prefix match. */
	path?: string;
	status?: number;
	/** Reason text of a `status` fault's answer (default: the status' usual text); a function sees the request (to echo what it received). */
	reason?: string | ((request: RecordedRequest) => string);
	/**
	 * `statusBeforeBody`: the `status` answer is sent as soon as the request's headers arrive, before
	 * its body is read, and the connection is then closed with the body unread, as a front server
	 * refusing a large upload early does (the caller may see the answer or only a reset).
	 */
	/** `trickle`: milliseconds between the answer's bytes (default 400): one whitespace byte at a time, until the caller hangs up. */
	intervalMs?: number;
	/** `date`: the answer is served normally but with this `Date` header (a proxy's or a broken clock's). */
	date?: string;
	/** Sent as the Location header with a `status` fault (e.g. a 302 to another origin). */
	location?: string;
	/** Seconds, sent as Retry-After with a `status` fault. */
	retryAfter?: number;
	/** Send `retryAfter` as seconds (default) or as the HTTP date that far ahead on the emulator's clock. */
	retryAfterFormat?: 'seconds' | 'date';
	delayMs?: number;
	/** How many matching requests the fault hits (default 1). */
	times?: number;
	/** How many matching requests pass untouched before the fault starts hitting (default 0), e.g. 1 to spare page 1. */
	skip?: number;
	/** Probability (0..1) that a matching request is hit; default 1. */
	rate?: number;
	/** Only requests for this `pageNumber` (e.g. to change the data between two pages of one listing). */
	pageNumber?: number;
	/** `changingTotal`: how the data changes just before the hit request is answered (e.g. a client is created). */
	change?: (data: EmulatorData) => void;
}

export interface EmulatorOptions extends SeedOptions {
	port?: number;
	/** Delay added to every answer, to imitate a real round trip. */
	latencyMs?: number;
	/** Enforce 10 requests per second per consumer (default true). */
	rateLimit?: boolean;
	routes?: Route[];
	consumers?: EmulatorConsumer[];
	/** Skip JWT verification (accept any caller as the demo consumer): only for measuring the cost of signing. */
	skipVerification?: boolean;
	/** Do not buffer multipart bodies: uploads are streamed through the parser, keeping only each file's size and hash (for the 1 GiB benchmark). */
	streamUploads?: boolean;
	/** Send Retry-After on the emulator's own 10 req/s 429 answers: seconds or an HTTP date (default: none). */
	rateLimitRetryAfter?: 'seconds' | 'date';
	/** Interface to listen on (default 127.0.0.1; `::1` for the IPv6 loopback). */
	host?: string;
	/** Seconds the emulator's clock runs ahead (negative: behind) of this machine's, for tokens and the Date header. */
	clockOffsetSeconds?: number;
	/** The answer shapes to start with (shapes.ts); default the evidenced ones. */
	shapes?: AnswerShapes;
}

const API_PATH = /^\/api\/core\/(v\d+(?:\.\d+)?)\/(.*)$/i;

/** A local stand-in for a coreplus server, strict about everything the API documentation states. */
export class CoreplusEmulator {
	readonly data: EmulatorData;
	readonly requests: RecordedRequest[] = [];
	readonly consumers: EmulatorConsumer[];
	latencyMs: number;
	/** See EmulatorOptions.clockOffsetSeconds; may be changed while running. */
	clockOffsetSeconds: number;
	rateLimitedCount = 0;
	/** `trickle` answers whose caller has not hung up yet (their sockets are still open). */
	openTrickles = 0;
	/** Answer chosen endpoints in another envelope (envelopes.ts). */
	readonly envelopes = new EnvelopeSwitches();
	/** Evidenced answer shapes by default, the older inferred ones as variants (shapes.ts). */
	readonly shapes: ShapeSwitches;
	/** Serve at most this many rows a page, whatever pageSize asks (reported in `paging.pageSize`). */
	pageSizeCap?: number;
	/** How `GET Client/?name=` filters (routes/clientSearch.ts); a test may switch it to a misbehaving server. */
	clientNameFilter: ClientNameFilter = 'substring';
	private readonly faults: Array<Fault & { remaining: number; toSkip: number }> = [];
	private readonly routes: Route[];
	private readonly rateLimit: boolean;
	private readonly acceptedAt = new Map<string, number[]>();
	private readonly random = seededRandom(7);
	private server?: Server;
	private port = 0;

	constructor(private readonly options: EmulatorOptions = {}) {
		this.data = createSeedData(options);
		this.latencyMs = options.latencyMs ?? 0;
		this.clockOffsetSeconds = options.clockOffsetSeconds ?? 0;
		this.rateLimit = options.rateLimit ?? true;
		this.routes = options.routes ?? defaultRoutes;
		this.consumers = options.consumers ?? [DEMO_CONSUMER];
		this.shapes = new ShapeSwitches(options.shapes ?? shapePreset(undefined));
	}

	/** Base URL to put in the credential's API URL field. */
	get url(): string {
		const host = this.options.host ?? '127.0.0.1';
		return `http://${host.includes(':') ? `[${host}]` : host}:${this.port}`;
	}

	/** Credential data for n8n, pointing at this emulator. */
	credentials(accessToken = DEMO_ACCESS_TOKEN, apiVersion = 'v2') {
		return {
			environment: 'production',
			apiUrl: this.url,
			apiVersion,
			consumerId: DEMO_CONSUMER.consumerId,
			consumerSecret: DEMO_CONSUMER.consumerSecret,
			accessToken,
			issuer: 'https://n8n.io',
			audience: 'https://coreplus.com.au',
		};
	}

	async start(): Promise<this> {
		this.server = createServer((req, res) => void this.handle(req, res));
		this.server.keepAliveTimeout = 1000;
		await new Promise<void>((resolve) =>
			this.server!.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', resolve),
		);
		this.port = (this.server.address() as AddressInfo).port;
		return this;
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}

	injectFault(fault: Fault): void {
		this.faults.push({ ...fault, remaining: fault.times ?? 1, toSkip: fault.skip ?? 0 });
	}

	clearFaults(): void {
		this.faults.length = 0;
	}

	resetLog(): void {
		this.requests.length = 0;
		this.rateLimitedCount = 0;
	}

	/** Requests that reached a route (authenticated), optionally for one lower-case path. */
	/**
	 * The API calls coreplus received (signed correctly), optionally for one path. A call refused
	 * only for going over the rate limit is left out: coreplus did not act on it, the transport sends
	 * it again, and when it happens depends on the machine's timing, which no test may depend on.
	 * `rateLimitedCount` and `requests` still show them.
	 */
	apiRequests(path?: string): RecordedRequest[] {
		return this.requests.filter(
			(r) =>
				r.claims &&
				!r.overRateLimit &&
				(path === undefined || r.path.replace(/\/+$/, '').toLowerCase() === path),
		);
	}

	/** A Retry-After value for a wait of `ms`: whole seconds (rounded up) or an HTTP date on the emulator's clock. */
	private retryAfter(ms: number, format: 'seconds' | 'date' = 'seconds'): string {
		if (format === 'seconds') return String(Math.max(0, Math.ceil(ms / 1000)));
		return new Date(this.now().getTime() + Math.max(0, ms) + 999).toUTCString();
	}

	/** The emulator's own clock (this machine's, shifted by clockOffsetSeconds). */
	private now(): Date {
		return new Date(Date.now() + this.clockOffsetSeconds * 1000);
	}

	private takeFault(
		method: string,
		path: string,
		query: URLSearchParams,
		beforeBody = false,
	): Fault | undefined {
		const fault = this.faults.find(
			(f) =>
				f.remaining > 0 &&
				(f.kind === 'statusBeforeBody') === beforeBody &&
				(!f.method || f.method === method) &&
				(!f.path || path.startsWith(f.path)) &&
				(f.pageNumber === undefined || query.get('pageNumber') === String(f.pageNumber)),
		);
		if (!fault) return undefined;
		if (fault.toSkip > 0) {
			fault.toSkip--;
			return undefined;
		}
		if (fault.rate !== undefined && this.random() >= fault.rate) return undefined;
		fault.remaining--;
		return fault;
	}

	/**
	 * A server that never finishes its answer but is never idle either: headers, then one byte of
	 * JSON whitespace every `intervalMs`, until the caller hangs up (an idle timeout never fires).
	 */
	private trickle(res: ServerResponse, status: number, intervalMs: number): void {
		res.writeHead(status, { 'content-type': 'application/json', date: this.now().toUTCString() });
		const timer = setInterval(() => res.write(' '), intervalMs);
		this.openTrickles++;
		res.on('close', () => {
			clearInterval(timer);
			this.openTrickles--;
		});
	}

	// Counted on a clock that never steps: coreplus' own clock does not move when the n8n host's
	// does, and tests step the host's (Date.now) with the emulator in the same process.
	private isOverRateLimit(consumerId: string): boolean {
		if (!this.rateLimit) return false;
		const now = performance.now();
		const recent = (this.acceptedAt.get(consumerId) ?? []).filter((t) => t > now - 1000);
		if (recent.length >= REQUESTS_PER_SECOND) {
			this.acceptedAt.set(consumerId, recent);
			return true;
		}
		recent.push(now);
		this.acceptedAt.set(consumerId, recent);
		return false;
	}

	/** A `statusBeforeBody` fault: answered from the headers alone, then the connection is closed with the body unread. */
	private answerBeforeBody(req: IncomingMessage, res: ServerResponse, fault: Fault): void {
		const method = req.method ?? 'GET';
		const receivedUrl = `http://${req.headers.host}${req.url}`;
		const [pathname, search = ''] = (req.url ?? '/').split(/\?(.*)/s);
		const apiMatch = API_PATH.exec(pathname);
		const status = fault.status ?? 429;
		const reason = status === 429 ? 'Too Many Requests' : 'Request Entity Too Large';
		const verification = verifyRequest(
			req.headers.authorization,
			receivedUrl,
			method,
			this.consumers,
			Math.floor(this.now().getTime() / 1000),
		);
		this.requests.push({
			method,
			url: receivedUrl,
			path: apiMatch?.[2] ?? pathname,
			apiVersion: apiMatch?.[1],
			query: new URLSearchParams(search),
			headers: req.headers,
			claims: verification.ok ? verification.caller.claims : undefined,
			rawBody: Buffer.alloc(0),
			status,
			reason,
			overRateLimit: status === 429,
			receivedAt: Date.now(),
		});
		res.writeHead(status, {
			'content-type': 'application/json; charset=utf-8',
			connection: 'close',
			date: this.now().toUTCString(),
		});
		res.end(JSON.stringify(errorBody(reason)), () => req.socket.destroy());
	}

	/** The `statusBeforeBody` fault for this request, judged from its method and path alone. */
	private earlyFault(req: IncomingMessage): Fault | undefined {
		const [pathname, search = ''] = (req.url ?? '/').split(/\?(.*)/s);
		const apiMatch = API_PATH.exec(pathname);
		if (!apiMatch) return undefined;
		const path = apiMatch[2].replace(/\/+$/, '').toLowerCase();
		return this.takeFault(req.method ?? 'GET', path, new URLSearchParams(search), true);
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const early = this.earlyFault(req);
		if (early) return this.answerBeforeBody(req, res, early);
		const streamed =
			this.options.streamUploads === true &&
			/^multipart\/form-data/i.test(String(req.headers['content-type'] ?? ''));
		const chunks: Buffer[] = [];
		if (!streamed) for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		const method = req.method ?? 'GET';
		const receivedUrl = `http://${req.headers.host}${req.url}`;
		const [pathname, search = ''] = (req.url ?? '/').split(/\?(.*)/s);
		const apiMatch = API_PATH.exec(pathname);
		const record: RecordedRequest = {
			method,
			url: receivedUrl,
			path: apiMatch?.[2] ?? pathname,
			apiVersion: apiMatch?.[1],
			query: new URLSearchParams(search),
			headers: req.headers,
			rawBody,
			status: 0,
			receivedAt: Date.now(),
		};
		this.requests.push(record);

		let dateHeader: string | undefined;
		const send = async (status: number, body: unknown, headers: Record<string, string> = {}) => {
			record.status = status;
			if (streamed) req.resume(); // an unread upload (refused early) is drained, not kept
			// Also a refusal answered with a 2xx (shapes.refusalStatus).
			record.reason = (body as ReturnType<typeof errorBody> | undefined)?.result?.[0]?.reason;
			if (this.latencyMs) await delay(this.latencyMs);
			res.writeHead(status, {
				'content-type': 'application/json; charset=utf-8',
				date: dateHeader ?? this.now().toUTCString(),
				...headers,
			});
			res.end(JSON.stringify(body));
		};

		const contentType = String(req.headers['content-type'] ?? '');
		const verification = this.options.skipVerification
			? {
					ok: true as const,
					caller: {
						consumer: this.consumers[0],
						permissions: Object.values(this.consumers[0].accessTokens)[0],
						claims: {},
					},
				}
			: verifyRequest(
					req.headers.authorization,
					receivedUrl,
					method,
					this.consumers,
					Math.floor(this.now().getTime() / 1000),
				);
		if (!verification.ok) return send(401, errorBody(verification.reason));
		if (!/^(application\/json|multipart\/form-data)/i.test(contentType)) {
			return send(
				401,
				errorBody('Invalid token: the content-type header must be application/json'),
			);
		}
		const { caller } = verification;
		record.claims = caller.claims;
		record.token = req.headers.authorization?.slice('JwToken '.length);
		if (!apiMatch) return send(404, errorBody('Not found'));

		// Parsed before the rate limit so that a refused request's record still shows what was sent.
		let json: unknown;
		if (rawBody.length && /^application\/json/i.test(contentType)) {
			try {
				json = JSON.parse(rawBody.toString('utf8'));
			} catch {
				return send(400, errorBody('The request body is not valid JSON'));
			}
		}
		record.json = json;

		if (this.isOverRateLimit(caller.consumer.consumerId)) {
			this.rateLimitedCount++;
			record.overRateLimit = true;
			const format = this.options.rateLimitRetryAfter;
			const accepted = this.acceptedAt.get(caller.consumer.consumerId) ?? [performance.now()];
			const oldest = Math.min(...accepted);
			const headers: Record<string, string> = format
				? { 'retry-after': this.retryAfter(oldest + 1000 - performance.now(), format) }
				: {};
			return send(429, errorBody('Too Many Requests'), headers);
		}

		const routePath = apiMatch[2].replace(/\/+$/, '');
		const fault = this.takeFault(method, routePath.toLowerCase(), record.query);
		if (fault?.kind === 'resetBefore') return void req.socket.destroy();
		if (fault?.kind === 'status') {
			const status = fault.status ?? 503;
			const headers: Record<string, string> =
				fault.retryAfter !== undefined
					? { 'retry-after': this.retryAfter(fault.retryAfter * 1000, fault.retryAfterFormat) }
					: {};
			if (fault.location) headers.location = fault.location;
			return send(
				status,
				errorBody(
					(typeof fault.reason === 'function' ? fault.reason(record) : fault.reason) ??
						(status === 429 ? 'Too Many Requests' : 'Service Unavailable'),
				),
				headers,
			);
		}
		if (fault?.kind === 'slow') await delay(fault.delayMs ?? 1000);
		if (fault?.kind === 'changingTotal') fault.change?.(this.data);
		if (fault?.kind === 'date') dateHeader = fault.date;

		const matched = matchRoute(this.routes, method, routePath);
		if (!matched) return send(404, errorBody(`No endpoint ${method} ${apiMatch[2]}`));
		const { route, params } = matched;
		if (!caller.permissions.includes(route.permission))
			return send(401, errorBody(route.deniedReason));

		let status = 200;
		let body: unknown;
		try {
			const answer = await route.handle({
				method,
				path: routePath.toLowerCase(),
				params,
				query: capPageSize(record.query, this.pageSizeCap),
				headers: req.headers,
				rawBody,
				bodyStream: streamed ? req : undefined,
				json,
				caller,
				data: this.data,
				shapes: this.shapes,
				clientNameFilter: this.clientNameFilter,
			});
			status = answer.status ?? 200;
			body =
				status < 300
					? this.envelopes.reshape(method, routePath.toLowerCase(), answer.body)
					: answer.body;
		} catch (error) {
			if (!(error instanceof EmulatorHttpError)) throw error;
			return send(error.status, errorBody(error.reason));
		}

		if (fault?.kind === 'resetAfter') {
			record.status = status;
			return void req.socket.destroy();
		}
		if (fault?.kind === 'trickle') {
			record.status = status;
			return this.trickle(res, status, fault.intervalMs ?? 400);
		}
		if (fault?.kind === 'truncated' || fault?.kind === 'nonJson') {
			record.status = status;
			if (this.latencyMs) await delay(this.latencyMs);
			const text =
				fault.kind === 'truncated'
					? JSON.stringify(body).slice(0, 20)
					: '<html><body>Bad gateway</body></html>';
			res.writeHead(status, {
				'content-type': fault.kind === 'truncated' ? 'application/json' : 'text/html',
			});
			return void res.end(text);
		}
		return send(status, body);
	}
}

function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
