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
