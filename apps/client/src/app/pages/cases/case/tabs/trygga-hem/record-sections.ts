import { ControlMeasuresSection } from './control-measures-section';
import { IncidentsSection } from './incidents-section';
import { NotificationsSection } from './notifications-section';
import { OffersSection } from './offers-section';

/**
 * The Trygga hem tab's record sections (issue 6 §3, D4, D21): notifications, offers, control
 * measures and incidents, each with its forms. One entry for the tab's `imports`.
 */
export const TRYGGA_HEM_RECORD_SECTIONS = [
  IncidentsSection,
  NotificationsSection,
  OffersSection,
  ControlMeasuresSection,
] as const;
