// One place for the data tests build: each factory is `(db, overrides?) => Promise<row>`,
// writes through the real database (SQLite or PostgreSQL), and gives every row unique
// defaults from one counter. Overrides are the table's own columns (plus a DANE code for a
// city, a password, a file); ids not given are made by the other factories.
export { makeAgendaItem, type AgendaItemOverrides } from "./agenda-item";
export { makeBogotaDay } from "./bogota-day";
export { makeCommitment, type CommitmentOverrides } from "./commitment";
export { makeEncounter, makeOpenEncounter, type EncounterOverrides } from "./encounter";
export { makeFocalPoint, makeInvitation, type InvitationOverrides } from "./invitation";
export { makeDownload, makeMaterial, makeReceivedFile, type DownloadOverrides, type MaterialOverrides } from "./material";
export { makeOrganizer, organizerPassword, type OrganizerOverrides } from "./organizer";
export { makeParticipant, type ParticipantOverrides } from "./participant";
export { makeAnswer, makeQuestion, type AnswerOverrides, type QuestionOverrides } from "./question";
export { makeRegistration, type RegistrationOverrides } from "./registration";
export { makeRosterEntry, type RosterEntryOverrides } from "./roster-entry";
export { makeSignedInOrganizer } from "./session";
export { makeSurvey, makeSurveyQuestion, makeSurveyResponse, type SurveyOverrides, type SurveyQuestionOverrides } from "./survey";
export { cityIdOf, dane, inDays, sequence } from "./sequence";
