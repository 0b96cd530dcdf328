/**
 * The screens' ids, in their own module: screens import it to navigate, and screens.ts
 * imports the screens (importing it from screens.ts was a type-only import circle).
 */
export type ScreenId = 'checklist' | 'connect' | 'token' | 'explorer' | 'export' | 'doctor' | 'about';
