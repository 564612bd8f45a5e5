import {
	lastPageStart,
	pageCountFor,
	pageHolding,
	readRowsFrom,
} from '../../nodes/Coreplus/transport/pagePositions';

// The page arithmetic every paged read shares (the walker, the client picker, New Client), at the
// edges where an off-by-one would read a page too many or miss the last row.
test('positions map to pages at the page boundaries', () => {
	expect([0, 99, 100, 250].map((position) => pageHolding(position, 100))).toEqual([1, 1, 2, 3]);
	expect([0, 1, 100, 101, 250].map((rows) => pageCountFor(rows, 100))).toEqual([0, 1, 1, 2, 3]);
	expect([0, 1, 100, 101, 250].map((rows) => lastPageStart(rows, 100))).toEqual([
		0, 0, 0, 100, 200,
	]);
});

test('rows from a position read only the pages holding them, page 1 never twice', async () => {
	const list = Array.from({ length: 25 }, (_, position) => ({ position }));
	const read: number[] = [];
	const pageOf = async (pageNumber: number) => {
		read.push(pageNumber);
		return { rows: list.slice((pageNumber - 1) * 10, pageNumber * 10) };
	};
	const first = { rows: list.slice(0, 10) };
	expect((await readRowsFrom(first, 20, 25, 10, pageOf)).map((row) => row.position)).toEqual([
		20, 21, 22, 23, 24,
	]);
	expect(read).toEqual([3]);
	read.length = 0;
	expect((await readRowsFrom(first, 8, 25, 10, pageOf)).length).toBe(17);
	expect(read).toEqual([2, 3]);
	read.length = 0;
	expect(await readRowsFrom({ rows: [] }, 0, 0, 10, pageOf)).toEqual([]);
	expect(read).toEqual([]);
});
