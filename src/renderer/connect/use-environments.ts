/** All environments and the active one: one shared copy, kept current by the data layer. */
export { useEnvironments } from '../data/stores.js';
