import { z } from "zod";
import { personFieldsSchema } from "../roster/person-input.ts";
import { isoDate } from "../vendors/vendor-input.ts";

/** The engagements a proposed joiner will work on (each must be one of the vendor's). */
export const joinerEngagementsSchema = z.object({
  engagementIds: z.array(z.string().uuid("must be an engagement id")).max(50).default([]),
});

/** A joiner: the roster's own person fields, and the engagements. */
export const joinerSchema = { person: personFieldsSchema, engagements: joinerEngagementsSchema };

export const leaverSchema = z.object({
  personId: z.string().uuid("must be a person id"),
  endDate: isoDate,
});

export const rejectionSchema = z.object({
  reason: z.string().trim().min(1, "is required: tell the vendor why").max(2000),
});

/** What a joiner request keeps until review: the parsed person fields and engagement ids. */
export interface JoinerDetails {
  person: z.infer<typeof personFieldsSchema>;
  engagementIds: string[];
}

/** What a leaver request keeps: the end date, and the name at the time (shown in queues). */
export interface LeaverDetails {
  endDate: string;
  fullName: string;
}
