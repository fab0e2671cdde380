// Each feature area keeps its own Spanish and English messages in one file under areas/;
// the English side must have exactly the Spanish side's keys (the type check says so).
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export function defineArea<T>(es: T, en: Widen<T>): { es: Widen<T>; en: Widen<T> } {
  return { es: es as Widen<T>, en };
}
