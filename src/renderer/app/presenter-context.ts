import { createContext, useContext } from 'react';

/** Presenter mode: every sensitive value is masked and diagnostics are hidden. */
export const PresenterContext = createContext(false);
export const usePresenterMode = () => useContext(PresenterContext);
