/* `npm run demo`: runs coreplus workflows through n8n's execution engine and prints each step. */
import '../harness/setup';

import { coreplusNode } from '../helpers';
import { jsonOf, runWorkflow } from '../harness/engine';
import { demoTarget } from './target';

async function main() {
	const target = await demoTarget();
	console.log(`Talking to ${target.description}\n`);
	try {
		const result = await runWorkflow({
			nodes: [coreplusNode({ resource: 'location', operation: 'getMany', returnAll: true }, { name: 'List locations' })],
			credentials: { coreplusApi: target.credentials },
		});
		if (result.error) throw new Error(result.error.message);
		const locations = jsonOf(result.output('List locations'));
		console.log(`1. The practice has ${locations.length} location(s):`);
		for (const location of locations) console.log(`   - ${location.name} (timezone ${location.timezoneName ?? location.timezoneId})`);
		if (target.emulator) {
			const [request] = target.emulator.apiRequests('location');
			console.log(`\n   The emulator verified the request's token: GET ${request.url}, signed for that exact URL.`);
		}
	} finally {
		await target.stop();
	}
}

main().catch((error: Error) => {
	console.error(`Demo failed: ${error.message}`);
	process.exitCode = 1;
});
