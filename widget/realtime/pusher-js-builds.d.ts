// pusher-js's browser builds are UMD files without types of their own; they export the same class.
declare module 'pusher-js/dist/worker/pusher.worker.js' {
  import Pusher from 'pusher-js';
  export default Pusher;
}
