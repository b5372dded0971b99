export type {
  ImageRecord,
  PlaceImageInput,
  PlacedImage,
  PlatformManifest,
  RecordImageInput,
  TagChange,
} from './image-record.js';
export type { ImageArtifacts, ImageEvents, RegistryClients } from './image-service.js';
export { ImageService } from './image-service.js';
export type { TagContext } from './tag-templates.js';
export { renderTags } from './tag-templates.js';
export type { ImageEventInput, ImageEventType, ImagePlane } from './image-plane.js';
export {
  EmbeddedImagePlane,
  HttpImagePlane,
  imageEventSchema,
  imageEventTypes,
  imageEventsThrough,
  parseImageEvent,
} from './image-plane.js';
export type { ImagePromotionConfig, ImageTarget } from './image-promotion-config.js';
export {
  imagePromotionFromEnv,
  imagePromotionVariable,
  imageTargetFor,
} from './image-promotion-config.js';
export type { ImagePromotionGateOptions, ImagePromotionSettings } from './image-promotion-gate.js';
export {
  ImagePromotionGate,
  imagePromotionSettingsFromEnv,
  withImagePromotion,
} from './image-promotion-gate.js';
