import { locationRoutes } from './location';
import type { Route } from './types';

/** Every endpoint the emulator serves; each resource keeps its routes in its own file. */
export const routes: Route[] = [...locationRoutes];
