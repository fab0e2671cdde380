import { defineArea } from "./define";

export const certificates = defineArea(
  {
    verifyTitle: "Verificar un certificado de asistencia",
    verifyIntro: "Escriba el código que aparece al pie del certificado, por ejemplo ABCD-EFGH-JKLM.",
    code: "Código de verificación",
    verify: "Verificar",
    valid: "Certificado válido",
    validBody: "{name} ({entity}, {city}) asistió al encuentro «{encounter}», realizado el {date}.",
    invalid: "No existe un certificado con ese código.",
    invalidHint: "Revise que lo escribió tal como aparece en el certificado.",
    download: "Descargar el certificado de asistencia (PDF)",
  },
  {
    verifyTitle: "Verify an attendance certificate",
    verifyIntro: "Enter the code printed at the foot of the certificate, for example ABCD-EFGH-JKLM.",
    code: "Verification code",
    verify: "Verify",
    valid: "Valid certificate",
    validBody: "{name} ({entity}, {city}) attended the encounter «{encounter}», held on {date}.",
    invalid: "There is no certificate with that code.",
    invalidHint: "Check that you typed it exactly as printed on the certificate.",
    download: "Download the attendance certificate (PDF)",
  },
);
