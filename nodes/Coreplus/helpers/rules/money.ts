/**
 * Amounts. coreplus takes a payment's `amountPaid` as text ("40.55", only non-negative, at most 2
 * decimals) and answers amounts as text ("50.0", "70.00") or numbers (50.0). The node sends an
 * amount exactly as the user wrote it (never through a float, which could turn 40.55 into
 * 40.549999…) and compares and adds amounts in whole cents.
 */
export const AMOUNT_PATTERN = /^\d+(\.\d{1,2})?$/;

/** Cents of an amount already checked against AMOUNT_PATTERN. */
export function centsOfAmount(text: string): number {
	const [whole, fraction = ''] = text.split('.');
	return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** An amount as coreplus sent it (text or number), as a number; undefined when it is not one. */
export function amountFromCoreplus(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string' || !/^\s*-?\d+(\.\d+)?\s*$/.test(value)) return undefined;
	return Number(value);
}

/** Cents of an amount coreplus sent; undefined when it is not an amount. */
export function centsFromCoreplus(value: unknown): number | undefined {
	const amount = amountFromCoreplus(value);
	return amount === undefined ? undefined : Math.round(amount * 100);
}

/** A sum of cents as a number of dollars (exact to the cent). */
export function fromCents(cents: number): number {
	return cents / 100;
}

/** Cents as text with two decimals, for messages ("40.55", "50.00"). */
export function centsText(cents: number): string {
	const sign = cents < 0 ? '-' : '';
	const abs = Math.abs(cents);
	return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
