export { DEFAULT_ASSUMPTIONS } from '@cxl/shared/linkage/assumptions';
export { DEMO_TOUCHPOINTS } from '@cxl/shared/linkage/touchpoints';
