export { regionOf } from '../regions';
