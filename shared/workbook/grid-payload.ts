// How large a grid an add-in may send (the payload itself is in shared/api/contract.ts).

export const GRID_LIMITS = { sheets: 20, rows: 2000, columns: 60, text: 32767 } as const;
