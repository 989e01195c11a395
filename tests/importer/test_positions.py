"""Degrees as CVs write them, normalised."""

import pytest

from profiles.importer.interpret.positions import match_degree


@pytest.mark.parametrize(
    ("text", "degree"),
    [
        ("Ph.D. in Computer Science", "Ph.D."),
        ("Doctor of Philosophy, Physics", "Ph.D."),
        ("DPhil in Engineering Science", "Ph.D."),
        ("MBA", "MBA"),
        ("M.Eng. in Software Engineering", "M.Eng."),
        ("MSc Data Science", "M.S."),
        ("Master of Science in Statistics", "M.S."),
        ("Master's degree, Economics", "M.S."),
        ("Master of Arts in Linguistics", "M.A."),
        ("Master of Fine Arts, Creative Writing", "M.A."),
        ("M.A. History", "M.A."),
        ("B.Eng. Electrical Engineering", "B.Eng."),
        ("BSc (Hons) Mathematics", "B.S."),
        ("Bachelor of Science in Biology", "B.S."),
        ("Bachelor's degree in Physics", "B.S."),
        ("Bachelor of Arts in Philosophy", "B.A."),
        ("Bachelor's of Arts, Music", "B.A."),
        ("B.A. (Hons) English", "B.A."),
        ("High School Diploma", "High School"),
        ("Research Intern", None),
    ],
)
def test_degrees_are_normalised(text, degree):
    assert match_degree(text)[0] == degree
