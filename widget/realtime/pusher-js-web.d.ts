// pusher-js's browser build is a UMD file without types of its own; it exports the same class.
declare module 'pusher-js/dist/web/pusher.js' {
  import Pusher from 'pusher-js';
  export default Pusher;
}
