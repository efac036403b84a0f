/** The SMART style document apps may follow to look at home (smart_style_url in the token response). */
export const SMART_STYLE = {
  color_background: '#ffffff',
  color_error: '#9b1c1c',
  color_highlight: '#1d4ed8',
  color_modal_backdrop: 'rgba(0, 0, 0, 0.4)',
  color_success: '#166534',
  color_text: '#1a1a1a',
  dim_border_radius: '4px',
  dim_font_size: '16px',
  dim_spacing_size: '16px',
  font_family_body: 'system-ui, "Noto Sans TC", sans-serif',
  font_family_heading: 'system-ui, "Noto Sans TC", sans-serif',
} as const;
