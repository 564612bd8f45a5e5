import { appointmentRoutes } from './appointment';
import { availabilitySlotRoutes } from './availabilitySlot';
import { appointmentTypeRoutes } from './appointmentType';
import { clientRoutes } from './client';
import { clientFamilyRoutes } from './clientFamily';
import { invoiceRoutes } from './invoice';
import { clientFileRoutes } from './clientFile';
import { locationRoutes } from './location';
import { messageRoutes } from './message';
import { paymentRoutes } from './payment';
import { practitionerRoutes } from './practitioner';
import type { Route } from './types';

/** Every endpoint the emulator serves; each resource keeps its routes in its own file. */
export const routes: Route[] = [
	...locationRoutes,
	...messageRoutes,
	...clientFileRoutes,
	...clientRoutes,
	...clientFamilyRoutes,
	...practitionerRoutes,
	...appointmentTypeRoutes,
	...invoiceRoutes,
	...paymentRoutes,
	...availabilitySlotRoutes,
	...appointmentRoutes,
];
