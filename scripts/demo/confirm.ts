/* Before a real booking: say plainly what will be booked, and book only after the user says so. */
import { createInterface } from 'node:readline';

export interface BookingPlan {
	server: string;
	patient: string;
	practitioner: string;
	location: string;
	when: string;
}

export function describePlan(plan: BookingPlan): string {
	return [
		`This is a real coreplus server (${plan.server}). The demo will make ONE real booking:`,
		`   Patient:      ${plan.patient}`,
		`   Practitioner: ${plan.practitioner}`,
		`   Where:        ${plan.location}`,
		`   When:         ${plan.when}`,
		`   It appears in the practice's diary and may send the patient a reminder.`,
	].join('\n');
}

/** True only when the user types "book"; an empty or closed input (a script, CI) is a no. */
export async function userConfirms(question: string): Promise<boolean> {
	const reader = createInterface({ input: process.stdin, output: process.stdout });
	const answer = await new Promise<string>((resolve) => {
		reader.on('close', () => resolve(''));
		reader.question(question, (text) => resolve(text));
	});
	reader.close();
	return answer.trim().toLowerCase() === 'book';
}
