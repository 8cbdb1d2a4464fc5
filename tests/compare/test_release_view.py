

def test_values_are_preliminary_until_ninety_days_after_their_due_date():
    import datetime as dt

    from flis.compare.release import _last_final_month
    from flis.periods import Period

    # Computed 1 September 2024: April's due date (15 May) + 90 days = 13 August has passed, May's
    # (15 June + 90 days = 13 September) has not.
    assert _last_final_month(dt.datetime(2024, 9, 1, 12)) == Period(2024, 4).index
    assert _last_final_month(dt.datetime(2024, 9, 13)) == Period(2024, 5).index
