export { closeGracefully, type GracefulClose } from './graceful-close.ts';
