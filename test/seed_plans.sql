-- The seven plans of the seed policies (../shared/seeds/README.md) as the
-- README writes them, stored in ticket_sla.contracts under their plan names.
-- Shared by the demo (test/demo/demo.sql), sql/contract_plans.sql and sql/tickets.sql.
INSERT INTO ticket_sla.contracts (name, terms) VALUES
('Perseus Basis',
 'plan "Perseus Basis"; tier standard; hours (Mon-Fri 09:00-18:00; tz Europe/Berlin; holidays DE-BE)'),
('Perseus Premium',
 'plan "Perseus Premium"; tier premium; hours (Mon-Fri 09:00-18:00; tz Europe/Berlin; holidays DE-BE);
  critical: escalate after 4 hours to "external forensic provider"'),
('Kaspersky Enhanced Support with TAM',
 'plan "Kaspersky Enhanced Support with TAM"; tier premium;
  hours (Mon-Fri 09:00-18:00; tz Europe/Berlin; holidays DE); named contacts 8; phone only out of hours;
  critical: respond within 30 minutes; high: respond within 4 hours;
  medium: respond within 6 business hours; low: respond within 8 business hours'),
('Cyren Standard',
 'plan "Cyren Standard"; tier standard; hours (Mon-Fri 09:00-18:00; tz America/New_York; holidays US);
  critical: respond within 4 business hours,
            escalate after 1 hour to "Director of Support Services",
            escalate after 2 hours to "VP Customer Success" and "VP Products";
  high: respond within 8 business hours,
        escalate after 2 hours to "Director of Support Services",
        escalate after 4 hours to "VP Customer Success" and "VP Products";
  medium: respond within 2 business days; low: respond within 4 business days'),
('Cyren Gold',
 'plan "Cyren Gold"; tier premium;
  critical: respond within 30 minutes,
            escalate after 1 hour to "Director of Support Services",
            escalate after 2 hours to "VP Customer Success" and "VP Products";
  high: respond within 1 hour,
        escalate after 2 hours to "Director of Support Services",
        escalate after 4 hours to "VP Customer Success" and "VP Products";
  medium: respond within 4 hours; low: respond within 8 hours'),
('ISMS.online',
 'plan "ISMS.online"; tier standard; hours (Mon-Fri 09:00-18:00; tz GMT; holidays GB-ENG);
  critical: respond within 1 business hour; high: respond within 4 business hours;
  medium: respond within 8 business hours'),
('Kaspersky MSA Plus',
 'plan "Kaspersky MSA Plus"; tier premium; hours (Mon-Fri 09:00-17:00; tz Europe/Amsterdam; holidays NL);
  premium requests 12 per year; phone only out of hours;
  critical: respond within 4 business hours');
