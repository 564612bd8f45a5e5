import type { Row } from './data';
import { EmulatorHttpError } from './http';
import { TIMEZONES } from './timezones';

/**
 * How the emulator words the answers whose shape the coreplus documentation pages lost. The
 * default is what public clients of the live API read and receive (docs/coreplus-api.md, public clients 2016–2026); the
 * shapes this project inferred before that evidence stay available as variants, so that the node
 * is shown to read them too. Switch per test with `emulator.shapes.set({...})`, undo with `reset()`.
 */
export interface AnswerShapes {
	/**
	 * Key of `GET AvailabilitySlot/` rows: `timeslots` (evidence: WordPress plugin 2016, voice
	 * agent 2026) or the inferred `availabilitySlots`.
	 */
	slotsKey: 'timeslots' | 'availabilitySlots';
	/**
	 * Where a location names its time zone: `nested` = `timeZone: { timezoneId, tzName }` with an
	 * IANA name written with a backslash (evidence: voice agent 2026), nothing top-level; `topLevel`
	 * = the inferred top-level `timezoneId` plus a Windows `timezoneName`.
	 */
	locationZone: 'nested' | 'topLevel';
	/** HTTP status of a refused booking: 400 by default; the evidence shows no client checks it (may be 200). */
	refusalStatus: number;
	/** coreplus' reason for a taken slot (evidence: the 2025 Acuity sync's own comment). */
	slotTakenReason: string;
	/**
	 * `POST Message/`'s answer (undocumented): the inferred `{ message: {...} }`, or `statusOnly`,
	 * `{ "result": [], "statusMessages": [] }`, as a live server answered an accepted upload (docs/coreplus-api.md#message).
	 */
	messageAnswer: 'record' | 'statusOnly';
	/**
	 * `POST File/`'s answer, which the page does not document: an empty 200, a flat `record` of the
	 * stored file (inferred, the default) or a `status` object `{ "result": [], "statusMessages": [] }`.
	 */
	fileAnswer: 'empty' | 'record' | 'status';
	/**
	 * How appointments' `startDateTime`/`endDateTime` are written: with their offset (coreplus'
	 * documented answers) or `offsetless`, the location's wall-clock time alone, as some servers
	 * and older answers write them (`2026-05-20T09:00:00`).
	 */
	appointmentTimes: 'withOffset' | 'offsetless';
}

export const EVIDENCED_SHAPES: AnswerShapes = {
	slotsKey: 'timeslots',
	locationZone: 'nested',
	refusalStatus: 400,
	slotTakenReason: 'The selected time is not available for booking an appointment',
	messageAnswer: 'record',
	fileAnswer: 'record',
	appointmentTimes: 'withOffset',
};

/** Everything this project inferred before the public clients were read. */
export const INFERRED_SHAPES: AnswerShapes = {
	slotsKey: 'availabilitySlots',
	locationZone: 'topLevel',
	refusalStatus: 409,
	slotTakenReason: 'Timeslot not available',
	messageAnswer: 'record',
	fileAnswer: 'record',
	appointmentTimes: 'withOffset',
};

/** Named sets, for `COREPLUS_EMULATOR_SHAPES` (demo, scripts/emulator.ts). */
export const SHAPE_PRESETS: Record<string, AnswerShapes> = {
	evidenced: EVIDENCED_SHAPES,
	inferred: INFERRED_SHAPES,
	// Each older variant alone, on top of the evidenced default.
	'inferred-slots': { ...EVIDENCED_SHAPES, slotsKey: 'availabilitySlots' },
	'inferred-location-zone': { ...EVIDENCED_SHAPES, locationZone: 'topLevel' },
	'refusal-200': { ...EVIDENCED_SHAPES, refusalStatus: 200 },
	'message-status-only': { ...EVIDENCED_SHAPES, messageAnswer: 'statusOnly' },
	'file-answer-empty': { ...EVIDENCED_SHAPES, fileAnswer: 'empty' },
	'file-answer-status': { ...EVIDENCED_SHAPES, fileAnswer: 'status' },
	'offsetless-times': { ...EVIDENCED_SHAPES, appointmentTimes: 'offsetless' },
};

/** The preset named by `name` (e.g. the COREPLUS_EMULATOR_SHAPES value); unknown names throw. */
export function shapePreset(name: string | undefined): AnswerShapes {
	if (!name) return EVIDENCED_SHAPES;
	const preset = SHAPE_PRESETS[name];
	if (!preset) {
		throw new Error(
			`Unknown emulator shapes "${name}": use one of ${Object.keys(SHAPE_PRESETS).join(', ')}`,
		);
	}
	return preset;
}

/** The shape switches of one emulator. */
export class ShapeSwitches {
	private shapes: AnswerShapes;

	constructor(private readonly initial: AnswerShapes = EVIDENCED_SHAPES) {
		this.shapes = { ...initial };
	}

	get current(): Readonly<AnswerShapes> {
		return this.shapes;
	}

	set(changes: Partial<AnswerShapes>): void {
		this.shapes = { ...this.shapes, ...changes };
	}

	reset(): void {
		this.shapes = { ...this.initial };
	}

	/** A location as served: the stored record holds the inferred top-level fields. */
	presentLocation(location: Row): Row {
		// A row a test stored in its own shape (no top-level id) is served as stored.
		if (this.shapes.locationZone === 'topLevel' || location.timezoneId === undefined)
			return location;
		const { timezoneId, timezoneName: _windowsName, ...rest } = location;
		const zone = Object.values(TIMEZONES).find((candidate) => candidate.timezoneId === timezoneId);
		return {
			...rest,
			timeZone: { timezoneId, tzName: zone?.iana.replace(/\//g, '\\') },
		};
	}

	/**
	 * coreplus refusing a booking (or a reschedule) because the time is taken: the `result[]`
	 * answer, at `refusalStatus` (also a 2xx). One function for every route that refuses a slot:
	 * `throw request.shapes.slotTaken()`.
	 */
	slotTaken(): EmulatorHttpError {
		return new EmulatorHttpError(this.shapes.refusalStatus, this.shapes.slotTakenReason);
	}
}

/** The shapes named by the COREPLUS_EMULATOR_SHAPES environment variable (default: evidenced). */
export function shapesFromEnvironment(): AnswerShapes {
	return shapePreset(process.env.COREPLUS_EMULATOR_SHAPES?.trim() || undefined);
}
