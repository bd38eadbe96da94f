"""Vietnamese formats where Django's differ from how dates are written here.

Django's Vietnamese dates are long ("Ngày 25 tháng 11 năm 2026") or dashed ("25-11-2026"); forms,
letters and the admin's tooltips write 25/11/2026. Django reads this module before its own
(FORMAT_MODULE_PATH) and takes what is missing here — separators "1.234,5", month names — from
django.conf.locale.vi. Input formats are in the settings: d/m/Y first.
"""

DATE_FORMAT = "d/m/Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
MONTH_DAY_FORMAT = "d/m"
YEAR_MONTH_FORMAT = "m/Y"
FIRST_DAY_OF_WEEK = 1  # Monday
# Django's Vietnamese formats leave grouping unset, so even `intcomma` would print "1234567".
NUMBER_GROUPING = 3
