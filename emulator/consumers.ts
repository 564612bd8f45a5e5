/** Demo consumer application and access tokens the emulator accepts (never real secrets). */
export const ALL_PERMISSIONS = [
	'VIEW_LOCATIONLIST',
	'VIEW_PRACTITIONERLIST',
	'VIEW_APPOINTMENTTYPELIST',
	'CREATE_APPOINTMENTTYPE',
	'VIEW_CLIENTLIST',
	'CREATE_CLIENT',
	'CREATE_CLIENTFAMILY',
	'VIEW_APPOINTMENTLIST',
	'VIEW_APPOINTMENT',
	'CREATE_APPOINTMENT',
	'VIEW_AVAILABILITYSLOT',
	'SEND_MESSAGE',
	'UPLOAD_CLIENT_FILE',
	'VIEW_INVOICELIST',
	'VIEW_PAYMENT',
	'CREATE_PAYMENT',
] as const;

export type Permission = (typeof ALL_PERMISSIONS)[number];

export interface EmulatorConsumer {
	consumerId: string;
	consumerSecret: string;
	accessTokens: Record<string, readonly Permission[]>;
}

export const DEMO_CONSUMER: EmulatorConsumer = {
	consumerId: 'n8n-demo-consumer',
	consumerSecret: 'demo-consumer-secret-4f1c9a7e',
	accessTokens: {
		'8a2d3c1e-5b6f-4a7d-9e8f-0a1b2c3d4e5f': ALL_PERMISSIONS,
		// A practice that did not tick "view client list" for the add-on.
		'1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9': ALL_PERMISSIONS.filter((p) => p !== 'VIEW_CLIENTLIST'),
	},
};

export const DEMO_ACCESS_TOKEN = '8a2d3c1e-5b6f-4a7d-9e8f-0a1b2c3d4e5f';
export const NO_CLIENT_LIST_ACCESS_TOKEN = '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9';
