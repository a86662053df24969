/** Client-side routes (Swedish, like the product; they do not change with the language). */
export const APP_PATHS = {
  signIn: 'logga-in',
  cases: 'arenden',
} as const;
