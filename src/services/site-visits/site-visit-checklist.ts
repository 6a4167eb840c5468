/** What a visitor checks on site. `casualIp` marks the signs of casual treatment of clients' IP that DD-3 asks about. */
export const SITE_VISIT_CHECKLIST = [
  { id: "entryControlled", text: "Entry is controlled (badges, visitor log, escort)", casualIp: false },
  {
    id: "separateRooms",
    text: "Teams for different clients work in separate rooms or zoned areas",
    casualIp: true,
  },
  { id: "screensLocked", text: "Unattended screens are locked", casualIp: true },
  {
    id: "cleanDesks",
    text: "No client documents or notes left on desks, printers or whiteboards",
    casualIp: true,
  },
  {
    id: "noTalkAboutOtherClients",
    text: "Staff do not talk freely about other clients' work",
    casualIp: true,
  },
  {
    id: "noOtherClientsVisible",
    text: "No other client's names, code or plans visible on walls or screens",
    casualIp: true,
  },
  { id: "removableMediaControlled", text: "USB ports and removable media are controlled", casualIp: false },
  { id: "phonesRestricted", text: "Phones and cameras are restricted in project rooms", casualIp: false },
  { id: "meetingRoomAvailable", text: "A separate meeting room is available for our work", casualIp: false },
] as const satisfies readonly ChecklistItem[];

export type ChecklistItemId = (typeof SITE_VISIT_CHECKLIST)[number]["id"];

/** One item of the checklist, as the API sends it. */
export interface ChecklistItem {
  id: string;
  text: string;
  /** A sign of casual treatment of clients' IP, which DD-3 asks about. */
  casualIp: boolean;
}
