/**
 * Two browser defaults the app never wants (security issue 11 point 6; NAV-06, NAV-10):
 * - a middle-click (auxclick) on a link opens it in a new window;
 * - dropping a file or a link on the window navigates the window to it.
 * Main denies both anyway (setWindowOpenHandler, will-navigate, and Blink's Auxclick feature is
 * off in the window's webPreferences); stopping them here means they never even start. A
 * future drop zone still gets its events: only the default action is cancelled.
 */
export function installLinkGuards(target: Pick<Document, 'addEventListener'> = document): void {
  target.addEventListener('auxclick', (event) => {
    if ((event as MouseEvent).button === 1) event.preventDefault();
  });
  target.addEventListener('dragover', (event) => event.preventDefault());
  target.addEventListener('drop', (event) => event.preventDefault());
}
