import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { RECORDS, writeRecord } from '../../transport/endpoints';
import { noticeFor } from '../output/notices';
import { readRequestOptions } from '../parameters/parameters';
import { writeOutcomeUnknown } from '../rules/outcomeUnknown';
import { asNodeError } from '../validation/errors';
import { familyMemberKey, graceEndsAt, noteUnsettled, unsettledSince } from './unsettledCreates';

function describeMember(body: IDataObject): string {
	return `${String(body.firstName)} ${String(body.surname)} of client ${String(body.clientId)}`;
}

function outcomeUnknown(
	context: IExecuteFunctions,
	itemIndex: number,
	body: IDataObject,
	sentAt: Date,
) {
	return new NodeOperationError(
		context.getNode(),
		`Outcome unknown: whether the family member ${describeMember(body)} was added is unknown: a request sent at ${sentAt.toISOString()} got no answer`,
		{
			itemIndex,
			description: `Nothing was sent again (coreplus may still be saving the first request, and its family members cannot be looked up through the API). Look at the client's family in coreplus. This family member is not sent again by this execution, nor by this n8n process before ${graceEndsAt(sentAt)}.`,
		},
	);
}

/**
 * `POST ClientFamily/`, never again for the same member (client, names, date of birth) after a
 * request whose outcome is unknown (unsettledCreates.ts): coreplus offers no read of a client's
 * family to find out, so the member stays unsettled for the grace period.
 */
export async function sendFamilyMember(
	context: IExecuteFunctions,
	itemIndex: number,
	body: IDataObject,
): Promise<IDataObject> {
	const key = familyMemberKey(context, {
		clientId: String(body.clientId),
		firstName: String(body.firstName),
		surname: String(body.surname),
		dateOfBirth: body.dateOfBirth === undefined ? undefined : String(body.dateOfBirth),
	});
	const sentAt = unsettledSince(context, key);
	if (sentAt) throw outcomeUnknown(context, itemIndex, body, sentAt);
	try {
		return await writeRecord(context, RECORDS.addFamilyMember, {
			body,
			itemIndex,
			notice: noticeFor(context),
			...readRequestOptions(context, itemIndex),
		});
	} catch (error) {
		if (writeOutcomeUnknown(error)) noteUnsettled(context, key);
		throw asNodeError(context.getNode(), error, itemIndex);
	}
}
