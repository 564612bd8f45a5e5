import { appointmentRoutes } from './appointment';
import { availabilitySlotRoutes } from './availabilitySlot';
import { appointmentTypeRoutes } from './appointmentType';
import { clientRoutes } from './client';
import { clientFamilyRoutes } from './clientFamily';
import { clientFileRoutes } from './clientFile';
import { extraRoutes } from './extra';
import { locationRoutes } from './location';
import { messageRoutes } from './message';
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
	...extraRoutes,
	...availabilitySlotRoutes,
	...appointmentRoutes,
];
