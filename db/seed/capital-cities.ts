// The 32 capital cities of Colombia (31 department capitals and Bogotá D.C.), from DANE's DIVIPOLA.
// Coordinates are approximate city centres: good enough for a map marker, not for surveying.
export interface CapitalCity {
  dane: string;
  name: string;
  department: string;
  lat: number;
  lon: number;
}

export const capitalCities: readonly CapitalCity[] = [
  { dane: "91001", name: "Leticia", department: "Amazonas", lat: -4.215, lon: -69.94 },
  { dane: "05001", name: "Medellín", department: "Antioquia", lat: 6.244, lon: -75.581 },
  { dane: "81001", name: "Arauca", department: "Arauca", lat: 7.084, lon: -70.759 },
  { dane: "08001", name: "Barranquilla", department: "Atlántico", lat: 10.964, lon: -74.796 },
  { dane: "11001", name: "Bogotá D.C.", department: "Bogotá D.C.", lat: 4.711, lon: -74.072 },
  { dane: "13001", name: "Cartagena de Indias", department: "Bolívar", lat: 10.391, lon: -75.479 },
  { dane: "15001", name: "Tunja", department: "Boyacá", lat: 5.535, lon: -73.367 },
  { dane: "17001", name: "Manizales", department: "Caldas", lat: 5.07, lon: -75.513 },
  { dane: "18001", name: "Florencia", department: "Caquetá", lat: 1.614, lon: -75.606 },
  { dane: "85001", name: "Yopal", department: "Casanare", lat: 5.349, lon: -72.395 },
  { dane: "19001", name: "Popayán", department: "Cauca", lat: 2.444, lon: -76.614 },
  { dane: "20001", name: "Valledupar", department: "Cesar", lat: 10.463, lon: -73.253 },
  { dane: "27001", name: "Quibdó", department: "Chocó", lat: 5.694, lon: -76.658 },
  { dane: "23001", name: "Montería", department: "Córdoba", lat: 8.748, lon: -75.881 },
  { dane: "94001", name: "Inírida", department: "Guainía", lat: 3.865, lon: -67.924 },
  { dane: "95001", name: "San José del Guaviare", department: "Guaviare", lat: 2.572, lon: -72.645 },
  { dane: "41001", name: "Neiva", department: "Huila", lat: 2.936, lon: -75.281 },
  { dane: "44001", name: "Riohacha", department: "La Guajira", lat: 11.544, lon: -72.907 },
  { dane: "47001", name: "Santa Marta", department: "Magdalena", lat: 11.24, lon: -74.199 },
  { dane: "50001", name: "Villavicencio", department: "Meta", lat: 4.142, lon: -73.627 },
  { dane: "52001", name: "Pasto", department: "Nariño", lat: 1.213, lon: -77.281 },
  { dane: "54001", name: "Cúcuta", department: "Norte de Santander", lat: 7.894, lon: -72.508 },
  { dane: "86001", name: "Mocoa", department: "Putumayo", lat: 1.152, lon: -76.647 },
  { dane: "63001", name: "Armenia", department: "Quindío", lat: 4.534, lon: -75.681 },
  { dane: "66001", name: "Pereira", department: "Risaralda", lat: 4.814, lon: -75.694 },
  { dane: "88001", name: "San Andrés", department: "Archipiélago de San Andrés, Providencia y Santa Catalina", lat: 12.584, lon: -81.701 },
  { dane: "68001", name: "Bucaramanga", department: "Santander", lat: 7.119, lon: -73.123 },
  { dane: "70001", name: "Sincelejo", department: "Sucre", lat: 9.305, lon: -75.398 },
  { dane: "73001", name: "Ibagué", department: "Tolima", lat: 4.439, lon: -75.232 },
  { dane: "76001", name: "Cali", department: "Valle del Cauca", lat: 3.452, lon: -76.532 },
  { dane: "97001", name: "Mitú", department: "Vaupés", lat: 1.253, lon: -70.234 },
  { dane: "99001", name: "Puerto Carreño", department: "Vichada", lat: 6.189, lon: -67.486 },
];
