// Types for the stop-word lists of the stopword package (it ships none).
declare module 'stopword' {
  export const eng: string[];
  export const swe: string[];
  export const dan: string[];
  export const nob: string[];
  export const deu: string[];
  export const fra: string[];
}
