"""Word lists for synthetic researchers: names, places, fields, venues and titles."""

import re
from dataclasses import dataclass

FIRST_YEAR, LAST_YEAR = 1990, 2026  # papers and careers fall in these years
MAX_PAPERS = 300  # exactly one person has this many: the benchmark's busiest profile
MAX_OTHERS = 250  # everyone else has at most this many
MAX_AUTHORS = 30
COMMUNITY_SIZE = 40  # people who mostly write with each other, in one research field
LAYOUTS = ("markdown", "text", "rst")
EXTENSIONS = {"markdown": ".md", "text": ".txt", "rst": ".rst"}


def _split(text):
    return tuple(item.strip() for item in text.split(",") if item.strip())


@dataclass(frozen=True)
class Tradition:
    """How one naming tradition builds names.

    syllables: given names are also made of two of these ('Zi' + 'han'); double_family:
    some people carry two family names ('García López').
    """

    given: tuple
    family: tuple
    syllables: tuple = ()
    double_family: bool = False


# Nothing that reads as a month ('May', 'Jun'), a role or an organisation word, which would
# confuse a CV parser.
NAMES = (
    Tradition(
        _split(
            "James, Olivia, Emily, Thomas, Charlotte, Henry, Grace, Samuel, Hannah, Oliver, "
            "Alice, George, Lucy, Daniel, Eleanor, William, Rachel, Matthew, Zoë, Benjamin, "
            "Megan, Patrick, Rebecca, Nathan, Abigail, Edward, Katherine, Simon, Laura, Peter"
        ),
        _split(
            "Smith, Whitfield, Campbell, Harris, Bennett, Turner, Hughes, Clarke, Fletcher, "
            "Morgan, Brooks, Walsh, Kennedy, Doyle, Murphy, Sullivan, Foster, Palmer, O'Brien, "
            "Thompson, Richardson, Ellis, Marshall, Hayes, Gibson, Holloway, Pearce, Lambert"
        ),
    ),
    Tradition(
        _split(
            "José, Lucía, María, Javier, Sofía, Alejandro, Carmen, Diego, Valentina, Mateo, "
            "Isabel, Pablo, Elena, Andrés, Camila, Raúl, Tomás, Julia, Martín, Ximena, Sergio, "
            "Paula, Álvaro, Marta, Gonzalo, Lorena, Ignacio, Rocío"
        ),
        _split(
            "García, Fernández, López, Martínez, Rodríguez, Sánchez, Pérez, Gómez, Díaz, "
            "Hernández, Ruiz, Jiménez, Moreno, Álvarez, Romero, Navarro, Torres, Domínguez, "
            "Vázquez, Castillo, Ortega, Delgado, Guerrero, Medina, Ibáñez, Cabrera"
        ),
        double_family=True,
    ),
    Tradition(
        _split(
            "João, Ana, Beatriz, Gabriel, Larissa, Rafael, Mariana, Lucas, Fernanda, Thiago, "
            "Letícia, Gonçalo, Caio, Vitória, Renata, Bruno, Camila, Felipe, Juliana, Rodrigo"
        ),
        _split(
            "Silva, Santos, Oliveira, Souza, Costa, Pereira, Almeida, Carvalho, Ribeiro, "
            "Gonçalves, Araújo, Barbosa, Cardoso, Rocha, Monteiro, Teixeira, Lima, Azevedo"
        ),
        double_family=True,
    ),
    Tradition(
        _split(
            "Élodie, Antoine, Camille, Julien, Manon, Théo, Chloé, Mathieu, Léa, Hugo, Margaux, "
            "Étienne, Amélie, Louis, Inès, François, Céline, Rémi, Jean-Pierre, Anne-Sophie, "
            "Clément, Océane, Guillaume, Hélène, Baptiste, Noémie"
        ),
        _split(
            "Marchand, Lefèvre, Dubois, Moreau, Laurent, Girard, Bonnet, Rousseau, Fontaine, "
            "Chevalier, Mercier, Lemoine, Gauthier, Perrin, Faure, Brunet, Roussel, Garnier, "
            "Lacroix, Berthelot, Caron, Leclerc, Dumont, Benoît"
        ),
    ),
    Tradition(
        _split(
            "Jonas, Lena, Maximilian, Anna, Tobias, Katharina, Felix, Johanna, Lukas, Sophie, "
            "Matthias, Miriam, Florian, Jana, Stefan, Jürgen, Sören, Ines, Moritz, Leonie, "
            "Philipp, Franziska, Niklas, Annika"
        ),
        _split(
            "Weber, Müller, Schmidt, Schneider, Fischer, Wagner, Becker, Hoffmann, Schäfer, "
            "Koch, Brandt, Hofmann, Krüger, Zimmermann, Köhler, Lange, Vogel, Hartmann, "
            "Neumann, Schwarz, Braun, Keller, Frank, Böhm"
        ),
    ),
    Tradition(
        _split("Daan, Sanne, Pieter, Lotte, Bram, Femke, Joost, Maaike, Sem, Eva, Zoë, Thijs"),
        _split(
            "de Vries, van Dijk, Bakker, Janssen, Visser, Smit, Meijer, de Boer, Mulder, "
            "van der Berg, Dekker, Bos, van Leeuwen, de Graaf, Vermeulen, Peeters"
        ),
    ),
    Tradition(
        _split(
            "Giulia, Marco, Francesca, Alessandro, Chiara, Lorenzo, Martina, Matteo, Sara, "
            "Davide, Federica, Niccolò, Simone, Elisa, Riccardo, Valeria"
        ),
        _split(
            "Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco, "
            "Bruno, Gallo, Conti, De Luca, Mancini, Costa, Giordano, Rizzo, Lombardi, Moretti"
        ),
    ),
    Tradition(
        _split(
            "Łukasz, Agnieszka, Piotr, Katarzyna, Michał, Magdalena, Tomasz, Zofia, Paweł, "
            "Małgorzata, Krzysztof, Joanna, Jiří, Tereza, Ondřej, Kateřina, Wojciech, Alicja"
        ),
        _split(
            "Kowalski, Nowak, Wiśniewski, Wójcik, Kamińska, Lewandowski, Zieliński, Szymańska, "
            "Woźniak, Dąbrowski, Kozłowski, Novák, Dvořák, Černý, Procházka, Svoboda, "
            "Mazur, Krawczyk, Pawlak, Sikora"
        ),
    ),
    Tradition(
        _split(
            "Søren, Ingrid, Kristian, Astrid, Erik, Freja, Magnus, Sigrid, Lars, Maja, Ólafur, "
            "Björk, Aino, Eero, Henrik, Elin, Mikael, Linnea"
        ),
        _split(
            "Lindqvist, Johansson, Andersson, Nielsen, Hansen, Larsen, Eriksson, Jørgensen, "
            "Nyström, Halvorsen, Sigurðsson, Virtanen, Korhonen, Lindgren, Holm, Mäkinen"
        ),
    ),
    Tradition(
        _split(
            "Nikos, Eleni, Giorgos, Dimitris, Katerina, Sofia, Mehmet, Zeynep, Emre, Elif, "
            "Burak, Ayşe, Selin, Oğuz, Deniz, Kostas"
        ),
        _split(
            "Papadopoulos, Georgiou, Konstantinou, Nikolaidis, Vlachos, Yılmaz, Kaya, Demir, "
            "Şahin, Çelik, Öztürk, Aydın, Doğan, Kılıç, Christodoulou, Arslan"
        ),
    ),
    Tradition(
        _split(
            "Omar, Layla, Youssef, Fatima, Karim, Nour, Hassan, Amira, Tariq, Salma, Reza, "
            "Maryam, Ali, Shirin, Arash, Nazanin, Parisa, Kian, Noa, Yonatan, Tamar, Rania"
        ),
        _split(
            "Haddad, Khalil, Mansour, Nasser, Saleh, Farouk, Hamdan, Aziz, El-Sayed, Rahman, "
            "Hosseini, Ahmadi, Karimi, Rahimi, Moradi, Tehrani, Jafari, Sadeghi, Cohen, Levi, "
            "Mizrahi, Friedman, Shapiro, Bitar"
        ),
    ),
    Tradition(
        _split(
            "Priya, Nikhil, Ananya, Rahul, Kavya, Arjun, Divya, Vikram, Sneha, Aditya, Meera, "
            "Rohan, Lakshmi, Siddharth, Pooja, Karthik, Harini, Varun, Shreya, Abhishek, "
            "Nandini, Pranav"
        ),
        _split(
            "Raman, Varma, Sharma, Patel, Iyer, Reddy, Gupta, Nair, Krishnan, Mehta, "
            "Chatterjee, Banerjee, Subramanian, Joshi, Desai, Menon, Kulkarni, Pillai, "
            "Bhattacharya, Agarwal, Srinivasan"
        ),
    ),
    Tradition(
        _split("Wei, Xin, Jing, Hao, Lei, Yan, Jie, Tao, Zhiwei, Yiming, Shuang, Yu"),
        _split(
            "Zhang, Wang, Li, Liu, Chen, Yang, Huang, Zhao, Wu, Zhou, Xu, Sun, Zhu, Hu, Guo, "
            "Lin, He, Du, Gao, Luo, Zheng, Liang, Song, Tang, Feng, Deng, Cao, Peng"
        ),
        syllables=_split(
            "Zi, Hao, Yu, Xin, Jia, Wei, Rui, Yi, Ming, Han, Chen, Lin, Xiao, Hui, Qing, "
            "Bo, Kai, Yun, Shu, Zhi, Peng, Tian, Ning, Ran, Ze, Si, Wen, Yang"
        ),
    ),
    Tradition(
        _split(
            "Haruka, Takeshi, Yuki, Kenji, Aiko, Hiroshi, Sakura, Daichi, Yui, Ren, Naoko, "
            "Shota, Minjun, Seoyeon, Jihoon, Jiwoo, Hyunwoo, Soyeon, Yejin, Taro, Emi, Sora"
        ),
        _split(
            "Tanabe, Sato, Suzuki, Takahashi, Watanabe, Ito, Yamamoto, Nakamura, Kobayashi, "
            "Yoshida, Saitō, Kim, Park, Choi, Jung, Kang, Yoon, Jang, Shin, Han, Mori, Ogawa"
        ),
    ),
    Tradition(
        _split("Minh, Linh, Anh, Tuấn, Thảo, Huy, Lan, Quang, Hương, Đức, Khoa, Ngọc, Phúc"),
        _split("Nguyễn, Trần, Lê, Phạm, Hoàng, Vũ, Đặng, Bùi, Đỗ, Ngô, Dương, Lý"),
    ),
    Tradition(
        _split(
            "Amara, Chinedu, Ngozi, Oluwaseun, Adaeze, Emeka, Funmilayo, Tunde, Chiamaka, "
            "Obinna, Kwame, Akosua, Kofi, Ama, Wanjiru, Amani, Baraka, Abebe, Selam, Yaw, "
            "Efua, Kemi, Ifeoma, Sipho"
        ),
        _split(
            "Okafor, Adeyemi, Okonkwo, Balogun, Eze, Nwosu, Adebayo, Chukwu, Mensah, Owusu, "
            "Boateng, Asante, Mwangi, Odhiambo, Kamau, Tesfaye, Haile, Njoroge, Nkosi, "
            "Dlamini, Acheampong, Okoro"
        ),
    ),
    Tradition(
        _split(
            "Dmitri, Anastasia, Sergei, Olga, Alexei, Natalia, Ivan, Yulia, Mykola, Oksana, "
            "Siobhán, Ciarán, Aoife, Niamh, Daria, Andriy"
        ),
        _split(
            "Ivanov, Petrova, Smirnov, Kuznetsova, Volkov, Sokolova, Popov, Shevchenko, "
            "Kovalenko, Ó Briain, Mac Giolla, Gallagher, Morozov, Bondarenko, Nolan"
        ),
    ),
)

# (name, kind, place): universities, institutes and companies. No commas in names, so a CV
# line 'Research Scientist, Google Research' splits one way only.
ORGANIZATIONS = [
    *(
        (name, "university", place)
        for name, place in [
            ("Massachusetts Institute of Technology", "Cambridge, MA"),
            ("Stanford University", "Stanford, CA"),
            ("UC Berkeley", "Berkeley, CA"),
            ("Carnegie Mellon University", "Pittsburgh, PA"),
            ("Harvard University", "Cambridge, MA"),
            ("Princeton University", "Princeton, NJ"),
            ("University of Washington", "Seattle, WA"),
            ("Cornell University", "Ithaca, NY"),
            ("University of Michigan", "Ann Arbor, MI"),
            ("Georgia Institute of Technology", "Atlanta, GA"),
            ("University of Illinois Urbana-Champaign", "Urbana, IL"),
            ("University of Texas at Austin", "Austin, TX"),
            ("Columbia University", "New York, NY"),
            ("New York University", "New York, NY"),
            ("Yale University", "New Haven, CT"),
            ("University of Pennsylvania", "Philadelphia, PA"),
            ("Johns Hopkins University", "Baltimore, MD"),
            ("UCLA", "Los Angeles, CA"),
            ("UC San Diego", "La Jolla, CA"),
            ("University of Wisconsin-Madison", "Madison, WI"),
            ("University of Notre Dame", "Notre Dame, IN"),
            ("Duke University", "Durham, NC"),
            ("Brown University", "Providence, RI"),
            ("Caltech", "Pasadena, CA"),
            ("Rice University", "Houston, TX"),
            ("Purdue University", "West Lafayette, IN"),
            ("University of Southern California", "Los Angeles, CA"),
            ("Northeastern University", "Boston, MA"),
            ("University of Chicago", "Chicago, IL"),
            ("Northwestern University", "Evanston, IL"),
            ("Ohio State University", "Columbus, OH"),
            ("University of Minnesota", "Minneapolis, MN"),
            ("University of Colorado Boulder", "Boulder, CO"),
            ("University of Utah", "Salt Lake City, UT"),
            ("Arizona State University", "Tempe, AZ"),
            ("University of Massachusetts Amherst", "Amherst, MA"),
            ("Stony Brook University", "Stony Brook, NY"),
            ("Virginia Tech", "Blacksburg, VA"),
            ("University of Virginia", "Charlottesville, VA"),
            ("Rutgers University", "New Brunswick, NJ"),
            ("University of Toronto", "Toronto, Canada"),
            ("McGill University", "Montréal, Canada"),
            ("University of British Columbia", "Vancouver, Canada"),
            ("Université de Montréal", "Montréal, Canada"),
            ("University of Waterloo", "Waterloo, Canada"),
            ("University of Alberta", "Edmonton, Canada"),
            ("University of Cambridge", "Cambridge, UK"),
            ("University of Oxford", "Oxford, UK"),
            ("Imperial College London", "London, UK"),
            ("University College London", "London, UK"),
            ("University of Edinburgh", "Edinburgh, UK"),
            ("King's College London", "London, UK"),
            ("University of Manchester", "Manchester, UK"),
            ("University of Bristol", "Bristol, UK"),
            ("University of Warwick", "Coventry, UK"),
            ("University of Exeter", "Exeter, UK"),
            ("University of Glasgow", "Glasgow, UK"),
            ("Trinity College Dublin", "Dublin, Ireland"),
            ("ETH Zürich", "Zürich, Switzerland"),
            ("EPFL", "Lausanne, Switzerland"),
            ("University of Zurich", "Zürich, Switzerland"),
            ("Technische Universität München", "Munich, Germany"),
            ("Universität Tübingen", "Tübingen, Germany"),
            ("LMU Munich", "Munich, Germany"),
            ("Humboldt-Universität zu Berlin", "Berlin, Germany"),
            ("Heidelberg University", "Heidelberg, Germany"),
            ("RWTH Aachen University", "Aachen, Germany"),
            ("Karlsruhe Institute of Technology", "Karlsruhe, Germany"),
            ("TU Darmstadt", "Darmstadt, Germany"),
            ("Saarland University", "Saarbrücken, Germany"),
            ("University of Amsterdam", "Amsterdam, Netherlands"),
            ("Delft University of Technology", "Delft, Netherlands"),
            ("KU Leuven", "Leuven, Belgium"),
            ("Ghent University", "Ghent, Belgium"),
            ("Sorbonne Université", "Paris, France"),
            ("École Normale Supérieure", "Paris, France"),
            ("École Polytechnique", "Palaiseau, France"),
            ("Université Paris-Saclay", "Orsay, France"),
            ("Université Grenoble Alpes", "Grenoble, France"),
            ("KTH Royal Institute of Technology", "Stockholm, Sweden"),
            ("Chalmers University of Technology", "Gothenburg, Sweden"),
            ("Lund University", "Lund, Sweden"),
            ("University of Copenhagen", "Copenhagen, Denmark"),
            ("Aarhus University", "Aarhus, Denmark"),
            ("University of Oslo", "Oslo, Norway"),
            ("Norwegian University of Science and Technology", "Trondheim, Norway"),
            ("University of Helsinki", "Helsinki, Finland"),
            ("Aalto University", "Espoo, Finland"),
            ("University of Iceland", "Reykjavík, Iceland"),
            ("Politecnico di Milano", "Milan, Italy"),
            ("Sapienza University of Rome", "Rome, Italy"),
            ("University of Bologna", "Bologna, Italy"),
            ("Universidad Politécnica de Madrid", "Madrid, Spain"),
            ("Universitat Pompeu Fabra", "Barcelona, Spain"),
            ("Universidad de Granada", "Granada, Spain"),
            ("Universidade de Lisboa", "Lisbon, Portugal"),
            ("University of Porto", "Porto, Portugal"),
            ("University of Warsaw", "Warsaw, Poland"),
            ("AGH University of Kraków", "Kraków, Poland"),
            ("Charles University", "Prague, Czech Republic"),
            ("Czech Technical University in Prague", "Prague, Czech Republic"),
            ("Budapest University of Technology and Economics", "Budapest, Hungary"),
            ("University of Vienna", "Vienna, Austria"),
            ("TU Wien", "Vienna, Austria"),
            ("National Technical University of Athens", "Athens, Greece"),
            ("Boğaziçi University", "Istanbul, Turkey"),
            ("Middle East Technical University", "Ankara, Turkey"),
            ("Technion", "Haifa, Israel"),
            ("Weizmann Institute of Science", "Rehovot, Israel"),
            ("Tel Aviv University", "Tel Aviv, Israel"),
            ("Hebrew University of Jerusalem", "Jerusalem, Israel"),
            ("Tsinghua University", "Beijing, China"),
            ("Peking University", "Beijing, China"),
            ("Shanghai Jiao Tong University", "Shanghai, China"),
            ("Zhejiang University", "Hangzhou, China"),
            ("Fudan University", "Shanghai, China"),
            ("University of Science and Technology of China", "Hefei, China"),
            ("Nanjing University", "Nanjing, China"),
            ("University of Tokyo", "Tokyo, Japan"),
            ("Kyoto University", "Kyoto, Japan"),
            ("Osaka University", "Osaka, Japan"),
            ("Tokyo Institute of Technology", "Tokyo, Japan"),
            ("KAIST", "Daejeon, South Korea"),
            ("Seoul National University", "Seoul, South Korea"),
            ("POSTECH", "Pohang, South Korea"),
            ("National University of Singapore", "Singapore"),
            ("Nanyang Technological University", "Singapore"),
            ("Hong Kong University of Science and Technology", "Hong Kong"),
            ("University of Hong Kong", "Hong Kong"),
            ("Chinese University of Hong Kong", "Hong Kong"),
            ("National Taiwan University", "Taipei, Taiwan"),
            ("Indian Institute of Science", "Bengaluru, India"),
            ("IIT Bombay", "Mumbai, India"),
            ("IIT Delhi", "New Delhi, India"),
            ("IIT Madras", "Chennai, India"),
            ("IIIT Hyderabad", "Hyderabad, India"),
            ("University of Delhi", "New Delhi, India"),
            ("Vietnam National University", "Hanoi, Vietnam"),
            ("Hanoi University of Science and Technology", "Hanoi, Vietnam"),
            ("Chulalongkorn University", "Bangkok, Thailand"),
            ("Universiti Malaya", "Kuala Lumpur, Malaysia"),
            ("Sharif University of Technology", "Tehran, Iran"),
            ("University of Tehran", "Tehran, Iran"),
            ("Cairo University", "Cairo, Egypt"),
            ("KAUST", "Thuwal, Saudi Arabia"),
            ("Mohamed bin Zayed University of Artificial Intelligence", "Abu Dhabi, UAE"),
            ("University of Lagos", "Lagos, Nigeria"),
            ("University of Ibadan", "Ibadan, Nigeria"),
            ("Obafemi Awolowo University", "Ile-Ife, Nigeria"),
            ("University of Ghana", "Accra, Ghana"),
            ("Kwame Nkrumah University of Science and Technology", "Kumasi, Ghana"),
            ("University of Nairobi", "Nairobi, Kenya"),
            ("Addis Ababa University", "Addis Ababa, Ethiopia"),
            ("University of Cape Town", "Cape Town, South Africa"),
            ("Stellenbosch University", "Stellenbosch, South Africa"),
            ("University of the Witwatersrand", "Johannesburg, South Africa"),
            ("Universidade de São Paulo", "São Paulo, Brazil"),
            ("Universidade Estadual de Campinas", "Campinas, Brazil"),
            ("Universidade Federal do Rio de Janeiro", "Rio de Janeiro, Brazil"),
            ("Universidad de Buenos Aires", "Buenos Aires, Argentina"),
            ("Pontificia Universidad Católica de Chile", "Santiago, Chile"),
            ("Universidad Nacional Autónoma de México", "Mexico City, Mexico"),
            ("Universidad de los Andes", "Bogotá, Colombia"),
            ("University of Melbourne", "Melbourne, Australia"),
            ("Australian National University", "Canberra, Australia"),
            ("University of Sydney", "Sydney, Australia"),
            ("Monash University", "Melbourne, Australia"),
            ("University of Auckland", "Auckland, New Zealand"),
            ("Moscow Institute of Physics and Technology", "Moscow, Russia"),
            ("Taras Shevchenko National University of Kyiv", "Kyiv, Ukraine"),
        ]
    ),
    *(
        (name, "institute", place)
        for name, place in [
            ("Max Planck Institute for Intelligent Systems", "Tübingen, Germany"),
            ("Max Planck Institute for Informatics", "Saarbrücken, Germany"),
            ("Inria Paris", "Paris, France"),
            ("Inria Grenoble", "Grenoble, France"),
            ("Allen Institute for AI", "Seattle, WA"),
            ("Vector Institute", "Toronto, Canada"),
            ("Mila", "Montréal, Canada"),
            ("Alan Turing Institute", "London, UK"),
            ("Broad Institute", "Cambridge, MA"),
            ("Janelia Research Campus", "Ashburn, VA"),
            ("Flatiron Institute", "New York, NY"),
            ("European Molecular Biology Laboratory", "Heidelberg, Germany"),
            ("Wellcome Sanger Institute", "Hinxton, UK"),
            ("Francis Crick Institute", "London, UK"),
            ("CERN", "Geneva, Switzerland"),
            ("Lawrence Berkeley National Laboratory", "Berkeley, CA"),
            ("Los Alamos National Laboratory", "Los Alamos, NM"),
            ("Argonne National Laboratory", "Lemont, IL"),
            ("NASA Jet Propulsion Laboratory", "Pasadena, CA"),
            ("National Center for Atmospheric Research", "Boulder, CO"),
            ("Met Office Hadley Centre", "Exeter, UK"),
            ("European Centre for Medium-Range Weather Forecasts", "Reading, UK"),
            ("Potsdam Institute for Climate Impact Research", "Potsdam, Germany"),
            ("RIKEN Center for Advanced Intelligence", "Tokyo, Japan"),
            ("Institute of Science and Technology Austria", "Klosterneuburg, Austria"),
            ("Helmholtz Munich", "Munich, Germany"),
            ("Shanghai AI Laboratory", "Shanghai, China"),
            ("Beijing Academy of Artificial Intelligence", "Beijing, China"),
            ("Toyota Technological Institute at Chicago", "Chicago, IL"),
            ("Gatsby Computational Neuroscience Unit", "London, UK"),
            ("Allen Institute for Brain Science", "Seattle, WA"),
            ("Zuse Institute Berlin", "Berlin, Germany"),
        ]
    ),
    *(
        (name, "company", place)
        for name, place in [
            ("Google Research", "Mountain View, CA"),
            ("Google DeepMind", "London, UK"),
            ("Microsoft Research", "Redmond, WA"),
            ("Meta AI", "Menlo Park, CA"),
            ("Apple", "Cupertino, CA"),
            ("Amazon", "Seattle, WA"),
            ("NVIDIA", "Santa Clara, CA"),
            ("IBM Research", "Yorktown Heights, NY"),
            ("OpenAI", "San Francisco, CA"),
            ("Anthropic", "San Francisco, CA"),
            ("Adobe Research", "San Jose, CA"),
            ("Intel Labs", "Hillsboro, OR"),
            ("Salesforce Research", "Palo Alto, CA"),
            ("Bosch Center for Artificial Intelligence", "Renningen, Germany"),
            ("Siemens", "Munich, Germany"),
            ("SAP", "Walldorf, Germany"),
            ("Huawei Noah's Ark Lab", "Shenzhen, China"),
            ("Alibaba DAMO Academy", "Hangzhou, China"),
            ("Tencent AI Lab", "Shenzhen, China"),
            ("ByteDance", "Beijing, China"),
            ("Baidu Research", "Beijing, China"),
            ("Samsung Research", "Seoul, South Korea"),
            ("NAVER", "Seongnam, South Korea"),
            ("LG AI Research", "Seoul, South Korea"),
            ("Sony AI", "Tokyo, Japan"),
            ("Preferred Networks", "Tokyo, Japan"),
            ("Naver Labs Europe", "Grenoble, France"),
            ("Criteo", "Paris, France"),
            ("Spotify", "Stockholm, Sweden"),
            ("Ericsson Research", "Stockholm, Sweden"),
            ("Nokia Bell Labs", "Murray Hill, NJ"),
            ("Qualcomm AI Research", "San Diego, CA"),
            ("Uber", "San Francisco, CA"),
            ("Waymo", "Mountain View, CA"),
            ("Boston Dynamics", "Waltham, MA"),
            ("Ocado Technology", "Hatfield, UK"),
            ("DeepL", "Cologne, Germany"),
            ("Mistral AI", "Paris, France"),
            ("Hugging Face", "New York, NY"),
            ("Cohere", "Toronto, Canada"),
            ("Genentech", "South San Francisco, CA"),
            ("Illumina", "San Diego, CA"),
            ("Flipkart", "Bengaluru, India"),
            ("Infosys", "Bengaluru, India"),
            ("Andela", "Lagos, Nigeria"),
            ("InstaDeep", "London, UK"),
            ("Databricks", "San Francisco, CA"),
            ("Snowflake", "San Mateo, CA"),
            ("Cloudflare", "San Francisco, CA"),
            ("Jane Street", "New York, NY"),
        ]
    ),
]

# Words any field's titles use.
QUALITIES = _split(
    "Scalable, Robust, Efficient, Adaptive, Provable, Interpretable, Sparse, Hierarchical, "
    "Federated, Causal, Contrastive, Self-Supervised, Probabilistic, Differentiable, Calibrated, "
    "Lightweight, Unified, Compositional, Distributed, Fair, Private, Energy-Efficient, "
    "Multi-Scale, Zero-Shot, Few-Shot, Continual, Bayesian, Structured, Generalizable, Online, "
    "Asynchronous, Incremental, Fast, Accurate, Verifiable, Low-Rank, Modular, Data-Efficient"
)
SETTINGS = _split(
    "at Scale, under Distribution Shift, in Low-Resource Settings, with Limited Supervision, "
    "in the Wild, on Edge Devices, across Languages, over Long Horizons, with Noisy Labels, "
    "in Heterogeneous Environments, without Retraining, from Sparse Observations, "
    "with Guarantees, in Real Time, on Commodity Hardware, under Uncertainty, "
    "with Human Feedback, across Domains, for Scientific Discovery, with Missing Data"
)
PROPERTIES = _split(
    "Robustness, Sample Complexity, Convergence, Expressivity, Limits, Calibration, Stability, "
    "Generalization, Fairness, Hidden Costs, Reproducibility, Scaling Behaviour"
)
STUDIES = _split("Systematic, Large-Scale, Comparative, Longitudinal, Critical, Controlled")
NAME_HEADS = _split(
    "Flash, Deep, Graph, Meta, Hyper, Auto, Quant, Turbo, Omni, Neo, Proto, Tiny, Mega, Swift, "
    "Echo, Polar, Nimbus, Lumen, Vertex, Atlas"
)
NAME_TAILS = _split(
    "Net, Former, Route, Mesh, Flow, Bench, Lens, Sched, Store, Guard, Map, Scope, Tune, Fuse, "
    "Diff, Mind, Stack, Sync, Path, Forge"
)
TITLE_TEMPLATES = tuple(
    (template, tuple(re.findall(r"{(\w+)}", template)))
    for template in (
        "{quality} {method} for {task}",
        "{quality} {method} for {task} {setting}",
        "{task} {setting} via {quality} {method}",
        "Towards {quality} {task} {setting}",
        "On the {property} of {method} for {task}",
        "{name}: {quality} {method} for {task} {setting}",
        "What Makes {method} Work for {task}?",
        "A {study} Study of {method} for {task}",
        "Rethinking {task}: {quality} {method} {setting}",
    )
)


@dataclass(frozen=True)
class Venue:
    short: str  # what Paper.venue holds: 'NeurIPS', or the whole name when it has no acronym
    full: str  # '' when short is the whole name
    kind: str


def _venues(kind, text):
    """'NeurIPS=Advances in ...; Nature' -> Venues (short=full, or a name without acronym)."""
    venues = []
    for item in text.split(";"):
        short, _, full = (part.strip() for part in item.partition("="))
        venues.append(Venue(short, full, kind))
    return tuple(venues)


@dataclass(frozen=True)
class Field:
    name: str
    degrees: tuple  # what degrees are 'in'
    methods: tuple
    tasks: tuple
    venues: tuple  # conference and journal Venues
    skills: tuple


FIELDS = (
    Field(
        "machine learning",
        _split("Computer Science, Machine Learning, Statistics, Mathematics"),
        _split(
            "Diffusion Models, Transformers, Graph Neural Networks, Variational Inference, "
            "Kernel Methods, Mixture of Experts, Normalizing Flows, Gaussian Processes, "
            "Policy Optimization, Meta-Learning, Deep Ensembles, Optimal Transport, "
            "Score Matching, Contrastive Learning, Knowledge Distillation, Neural ODEs, "
            "Low-Rank Adapters, Reward Models, State Space Models, Random Features"
        ),
        _split(
            "Tabular Prediction, Time Series Forecasting, Anomaly Detection, "
            "Uncertainty Estimation, Representation Learning, Active Learning, "
            "Hyperparameter Optimization, Domain Adaptation, Density Estimation, "
            "Causal Discovery, Link Prediction, Model Compression, Out-of-Distribution Detection, "
            "Recommendation, Offline Reinforcement Learning, Continual Learning, "
            "Semi-Supervised Classification, Bandit Problems, Federated Optimization, "
            "Molecule Generation"
        ),
        _venues(
            "conference",
            "NeurIPS=Advances in Neural Information Processing Systems; "
            "ICML=International Conference on Machine Learning; "
            "ICLR=International Conference on Learning Representations; "
            "AISTATS=International Conference on Artificial Intelligence and Statistics; "
            "UAI=Conference on Uncertainty in Artificial Intelligence; "
            "AAAI=AAAI Conference on Artificial Intelligence",
        )
        + _venues(
            "journal",
            "JMLR=Journal of Machine Learning Research; "
            "TMLR=Transactions on Machine Learning Research; "
            "TPAMI=IEEE Transactions on Pattern Analysis and Machine Intelligence",
        ),
        _split("Python, PyTorch, JAX, NumPy, scikit-learn, CUDA, Slurm, Weights and Biases"),
    ),
    Field(
        "natural language processing",
        _split("Computer Science, Linguistics, Computational Linguistics, Cognitive Science"),
        _split(
            "Language Models, Retrieval Augmentation, Instruction Tuning, Prompt Ensembles, "
            "Sequence-to-Sequence Models, Multilingual Encoders, Subword Tokenizers, "
            "Chain-of-Thought Reasoning, Preference Optimization, Speculative Decoding, "
            "Neural Parsers, Word Embeddings, Adapters, Character-Level Models, Dense Retrievers, "
            "Constrained Decoding, Data Augmentation, Curriculum Learning, Dialogue Agents, "
            "Reading Comprehension Models"
        ),
        _split(
            "Machine Translation, Question Answering, Summarization, Named Entity Recognition, "
            "Dependency Parsing, Code Generation, Fact Verification, Dialogue Systems, "
            "Text Classification, Semantic Parsing, Information Extraction, Speech Translation, "
            "Sentiment Analysis, Morphological Inflection, Grammatical Error Correction, "
            "Coreference Resolution, Long-Document Understanding, Tool Use, Multi-Hop Reasoning, "
            "Hallucination Detection"
        ),
        _venues(
            "conference",
            "ACL=Annual Meeting of the Association for Computational Linguistics; "
            "EMNLP=Conference on Empirical Methods in Natural Language Processing; "
            "NAACL=Conference of the North American Chapter of the Association for "
            "Computational Linguistics; "
            "COLING=International Conference on Computational Linguistics; "
            "EACL=Conference of the European Chapter of the Association for Computational "
            "Linguistics; "
            "COLM=Conference on Language Modeling",
        )
        + _venues(
            "journal",
            "TACL=Transactions of the Association for Computational Linguistics; "
            "Computational Linguistics",
        ),
        _split("Python, PyTorch, Hugging Face Transformers, spaCy, NLTK, vLLM, Linux"),
    ),
    Field(
        "computer vision",
        _split("Computer Science, Electrical Engineering, Applied Mathematics"),
        _split(
            "Vision Transformers, Convolutional Networks, Neural Radiance Fields, "
            "Gaussian Splatting, Masked Autoencoders, Latent Diffusion Models, "
            "Optical Flow Networks, Feature Pyramids, Point Cloud Networks, "
            "Implicit Representations, Vision-Language Models, Keypoint Detectors, "
            "Mesh Autoencoders, Event Cameras, Capsule Networks, Deformable Convolutions, "
            "Cost Volumes, Video Transformers, Segment Anything Models, Neural Codecs"
        ),
        _split(
            "Object Detection, Semantic Segmentation, Pose Estimation, Depth Estimation, "
            "Image Restoration, Video Understanding, 3D Reconstruction, Visual Tracking, "
            "Image Generation, Scene Graph Generation, Action Recognition, "
            "Visual Question Answering, Medical Image Segmentation, Face Recognition, "
            "Novel View Synthesis, Image Retrieval, Super-Resolution, Visual Localization, "
            "Instance Segmentation, Open-Vocabulary Detection"
        ),
        _venues(
            "conference",
            "CVPR=IEEE/CVF Conference on Computer Vision and Pattern Recognition; "
            "ICCV=IEEE/CVF International Conference on Computer Vision; "
            "ECCV=European Conference on Computer Vision; "
            "BMVC=British Machine Vision Conference; "
            "WACV=IEEE/CVF Winter Conference on Applications of Computer Vision",
        )
        + _venues(
            "journal",
            "IJCV=International Journal of Computer Vision; "
            "TPAMI=IEEE Transactions on Pattern Analysis and Machine Intelligence",
        ),
        _split("Python, PyTorch, OpenCV, CUDA, Blender, COLMAP, C++"),
    ),
    Field(
        "robotics",
        _split("Robotics, Mechanical Engineering, Electrical Engineering, Computer Science"),
        _split(
            "Model Predictive Control, Imitation Learning, Tactile Sensing, Motion Planning, "
            "Sim-to-Real Transfer, Diffusion Policies, Trajectory Optimization, World Models, "
            "Visual Servoing, Impedance Control, Factor Graphs, Soft Actuators, Grasp Planners, "
            "Behavior Trees, Whole-Body Controllers, Residual Policies, Kalman Filters, "
            "Inverse Kinematics Solvers, Language-Conditioned Policies, Reward Shaping"
        ),
        _split(
            "Dexterous Manipulation, Legged Locomotion, Autonomous Driving, Drone Navigation, "
            "Grasping, Human-Robot Interaction, Multi-Robot Coordination, Mobile Manipulation, "
            "Robotic Assembly, Deformable Object Manipulation, Exploration, Surgical Robotics, "
            "Household Robots, Warehouse Picking, Aerial Mapping, Collision Avoidance, "
            "Object Rearrangement, Terrain Estimation, Pick-and-Place, Contact-Rich Tasks"
        ),
        _venues(
            "conference",
            "ICRA=IEEE International Conference on Robotics and Automation; "
            "IROS=IEEE/RSJ International Conference on Intelligent Robots and Systems; "
            "CoRL=Conference on Robot Learning; "
            "HRI=ACM/IEEE International Conference on Human-Robot Interaction",
        )
        + _venues(
            "journal",
            "RA-L=IEEE Robotics and Automation Letters; "
            "T-RO=IEEE Transactions on Robotics; "
            "Science Robotics",
        ),
        _split("C++, Python, ROS 2, MuJoCo, Isaac Gym, PyBullet, MATLAB"),
    ),
    Field(
        "computer systems",
        _split("Computer Science, Computer Engineering, Electrical Engineering"),
        _split(
            "Kernel Bypass, Consensus Protocols, Persistent Memory, Serverless Runtimes, "
            "Log-Structured Storage, Remote Direct Memory Access, Unikernels, "
            "Container Orchestration, Erasure Coding, Lock-Free Data Structures, "
            "Compiler Optimizations, Hardware Accelerators, Distributed Tracing, "
            "Memory Disaggregation, Just-in-Time Compilation, GPU Scheduling, "
            "Programmable Switches, Caching Policies, Checkpointing, Load Balancers"
        ),
        _split(
            "Cloud Storage, Data Center Networks, Model Serving, Stream Processing, "
            "Key-Value Stores, Microservices, File Systems, Cluster Scheduling, Edge Computing, "
            "Fault Tolerance, Deep Learning Training, Transaction Processing, Network Telemetry, "
            "Virtual Machines, Tail Latency, Energy Management, Replicated Databases, "
            "Big Data Analytics, Operating Systems, Inference Pipelines"
        ),
        _venues(
            "conference",
            "OSDI=USENIX Symposium on Operating Systems Design and Implementation; "
            "SOSP=ACM Symposium on Operating Systems Principles; "
            "NSDI=USENIX Symposium on Networked Systems Design and Implementation; "
            "EuroSys=European Conference on Computer Systems; "
            "ASPLOS=International Conference on Architectural Support for Programming "
            "Languages and Operating Systems; "
            "SIGCOMM=ACM SIGCOMM Conference; "
            "MLSys=Conference on Machine Learning and Systems",
        )
        + _venues("journal", "TOCS=ACM Transactions on Computer Systems"),
        _split("C, C++, Rust, Go, Linux kernel, eBPF, DPDK, Kubernetes"),
    ),
    Field(
        "data management",
        _split("Computer Science, Information Systems, Data Science"),
        _split(
            "Learned Indexes, Query Optimizers, Cardinality Estimators, Columnar Storage, "
            "Vector Indexes, Join Algorithms, Streaming Sketches, Data Cleaning Pipelines, "
            "Provenance Tracking, Schema Matching, Approximate Query Processing, "
            "Multi-Version Concurrency Control, Materialized Views, Adaptive Indexing, "
            "Entity Resolution, Bloom Filters, Graph Databases, Compression Schemes, "
            "Query Compilation, Workload Forecasting"
        ),
        _split(
            "Data Lakes, Analytical Queries, Data Integration, Similarity Search, "
            "Time Series Databases, Spatial Queries, Data Discovery, Table Understanding, "
            "Stream Analytics, Data Versioning, Cloud Data Warehouses, Knowledge Graphs, "
            "Data Markets, Query Autocompletion, Log Analytics, Scientific Databases, "
            "Privacy-Preserving Analytics, Metadata Management, Benchmarking, Data Quality"
        ),
        _venues(
            "conference",
            "SIGMOD=ACM SIGMOD International Conference on Management of Data; "
            "VLDB=International Conference on Very Large Data Bases; "
            "ICDE=IEEE International Conference on Data Engineering; "
            "CIDR=Conference on Innovative Data Systems Research; "
            "KDD=ACM SIGKDD Conference on Knowledge Discovery and Data Mining",
        )
        + _venues(
            "journal",
            "TODS=ACM Transactions on Database Systems; "
            "TKDE=IEEE Transactions on Knowledge and Data Engineering",
        ),
        _split("SQL, PostgreSQL, DuckDB, Apache Spark, Java, C++, Python"),
    ),
    Field(
        "security and privacy",
        _split("Computer Science, Information Security, Mathematics"),
        _split(
            "Fuzzing, Symbolic Execution, Differential Privacy, Secure Multiparty Computation, "
            "Homomorphic Encryption, Zero-Knowledge Proofs, Static Analysis, "
            "Trusted Execution Environments, Side-Channel Analysis, Binary Rewriting, "
            "Intrusion Detection, Watermarking, Adversarial Training, Formal Verification, "
            "Memory-Safe Languages, Threshold Signatures, Sandboxing, Taint Tracking, "
            "Capability Systems, Anomaly Scoring"
        ),
        _split(
            "Malware Detection, Web Authentication, Smart Contracts, Mobile Apps, "
            "Browser Security, Supply Chain Attacks, Phishing Detection, Network Intrusions, "
            "Firmware Analysis, Privacy Auditing, Membership Inference, Ransomware Defense, "
            "Cryptographic Libraries, Secure Messaging, Access Control, Electronic Voting, "
            "IoT Devices, Cloud Isolation, Vulnerability Discovery, Model Extraction"
        ),
        _venues(
            "conference",
            "CCS=ACM Conference on Computer and Communications Security; "
            "NDSS=Network and Distributed System Security Symposium; "
            "S&P=IEEE Symposium on Security and Privacy; "
            "EuroS&P=IEEE European Symposium on Security and Privacy",
        )
        + _venues(
            "journal",
            "TDSC=IEEE Transactions on Dependable and Secure Computing; "
            "TIFS=IEEE Transactions on Information Forensics and Security",
        ),
        _split("C, Rust, Python, AFL++, Ghidra, LLVM, Coq, Z3"),
    ),
    Field(
        "human-computer interaction",
        _split("Human-Computer Interaction, Computer Science, Design, Cognitive Science"),
        _split(
            "Participatory Design, Eye Tracking, Haptic Feedback, Conversational Agents, "
            "Visual Analytics, Crowdsourcing, Mixed Reality Interfaces, Accessibility Tools, "
            "Gesture Recognition, Wearable Sensing, Explainable Interfaces, Co-Design Workshops, "
            "Tangible Interfaces, Voice Assistants, Notebook Interfaces, Design Probes, "
            "Diary Studies, Prototyping Tools, Social Computing, Interactive Visualization"
        ),
        _split(
            "Online Learning, Remote Collaboration, Older Adults, Creative Writing, "
            "Data Journalism, Mental Health, Screen Reader Users, Programming Education, "
            "Civic Participation, Health Tracking, Misinformation, Video Editing, Smart Homes, "
            "Gig Work, Museum Visits, Sign Language, Team Communication, Personal Finance, "
            "Public Displays, Citizen Science"
        ),
        _venues(
            "conference",
            "CHI=ACM CHI Conference on Human Factors in Computing Systems; "
            "UIST=ACM Symposium on User Interface Software and Technology; "
            "CSCW=ACM Conference on Computer-Supported Cooperative Work and Social Computing; "
            "DIS=ACM Designing Interactive Systems Conference",
        )
        + _venues("journal", "TOCHI=ACM Transactions on Computer-Human Interaction"),
        _split("Figma, Unity, JavaScript, React, R, Qualitative coding, Python"),
    ),
    Field(
        "computational biology",
        _split("Bioinformatics, Biology, Computational Biology, Biochemistry, Genetics"),
        _split(
            "Protein Language Models, Single-Cell Sequencing, Phylogenetic Inference, "
            "Genome-Wide Association Studies, Molecular Dynamics, Gene Regulatory Networks, "
            "Metagenomic Binning, CRISPR Screens, Structural Alignment, Variant Calling, "
            "Spatial Transcriptomics, Hidden Markov Models, Deep Mutational Scanning, "
            "Cell Segmentation, Long-Read Assembly, Drug-Target Prediction, Coalescent Models, "
            "Mass Spectrometry, Epigenetic Clocks, Graph Genomes"
        ),
        _split(
            "Protein Design, Antibiotic Resistance, Cancer Genomics, Microbiome Analysis, "
            "Rare Disease Diagnosis, Immune Repertoires, Plant Genomics, Viral Evolution, "
            "Gene Expression, Drug Discovery, Enzyme Engineering, Population Genetics, "
            "Cell Atlases, Neurodegeneration, Metabolic Pathways, Protein Folding, "
            "Crop Improvement, Pathogen Surveillance, Tumor Heterogeneity, Aging"
        ),
        _venues(
            "conference",
            "RECOMB=International Conference on Research in Computational Molecular Biology; "
            "ISMB=Intelligent Systems for Molecular Biology",
        )
        + _venues(
            "journal",
            "Nature; Nature Methods; Bioinformatics; Genome Research; "
            "PLOS Computational Biology; Cell; "
            "PNAS=Proceedings of the National Academy of Sciences",
        ),
        _split("Python, R, Bioconductor, Nextflow, Snakemake, PyTorch, Slurm"),
    ),
    Field(
        "statistics",
        _split("Statistics, Biostatistics, Mathematics, Economics"),
        _split(
            "Hierarchical Models, Bootstrap Methods, Conformal Prediction, Empirical Bayes, "
            "Functional Data Analysis, Causal Forests, Markov Chain Monte Carlo, "
            "Sequential Monte Carlo, Quantile Regression, Spline Smoothing, Multiple Testing, "
            "Shrinkage Estimators, Instrumental Variables, Copula Models, Mixed Effects Models, "
            "Changepoint Detection, Survival Models, Sparse Regression, Propensity Scores, "
            "Gaussian Process Emulators"
        ),
        _split(
            "Clinical Trials, Air Quality Monitoring, Election Forecasting, "
            "Spatial Epidemiology, Survey Sampling, Genomic Data, Environmental Monitoring, "
            "Sports Analytics, Missing Data, High-Dimensional Inference, "
            "Heterogeneous Treatment Effects, Network Data, Extreme Events, Longitudinal Studies, "
            "Small Area Estimation, Financial Risk, Ecological Surveys, Official Statistics, "
            "Public Health Surveillance, Census Data"
        ),
        _venues("conference", "JSM=Joint Statistical Meetings")
        + _venues(
            "journal",
            "Annals of Statistics; Biometrika; Annals of Applied Statistics; "
            "JASA=Journal of the American Statistical Association; "
            "JRSSB=Journal of the Royal Statistical Society Series B; Statistical Science",
        ),
        _split("R, Stan, Python, Julia, SAS, LaTeX"),
    ),
    Field(
        "climate science",
        _split("Atmospheric Science, Physics, Earth Sciences, Environmental Science"),
        _split(
            "Earth System Models, Data Assimilation, Statistical Downscaling, Ensemble Forecasts, "
            "Satellite Retrievals, Neural Emulators, Reanalysis Products, "
            "Radiative Transfer Models, Physics-Informed Networks, Ocean Models, "
            "Attribution Methods, Carbon Flux Inversion, Lidar Measurements, "
            "Land Surface Models, Storm Tracking, Scenario Analysis, Bias Correction, "
            "Aerosol Models, Weather Radar, Graph Forecasters"
        ),
        _split(
            "Sea Level Rise, Wildfire Spread, Monsoon Variability, Arctic Sea Ice, "
            "Extreme Precipitation, Drought Monitoring, Urban Heat Islands, Permafrost Thaw, "
            "Tropical Cyclones, Glacier Mass Balance, Air Pollution, Ocean Heat Content, "
            "Flood Forecasting, Crop Resilience, Carbon Budgets, Cloud Feedbacks, Heatwaves, "
            "Coastal Erosion, Snow Cover, Marine Ecosystems"
        ),
        _venues("conference", "AGU=AGU Fall Meeting; EGU=EGU General Assembly")
        + _venues(
            "journal",
            "Nature Climate Change; Geophysical Research Letters; Journal of Climate; "
            "Atmospheric Chemistry and Physics; Nature",
        ),
        _split("Python, Fortran, xarray, NetCDF, MATLAB, Google Earth Engine"),
    ),
    Field(
        "neuroscience",
        _split("Neuroscience, Biology, Physics, Psychology, Cognitive Science"),
        _split(
            "Calcium Imaging, Neural Population Models, Optogenetics, Spiking Networks, "
            "Connectomics, Electrophysiology, Functional MRI, Dimensionality Reduction, "
            "Recurrent Network Models, Predictive Coding, Brain-Computer Interfaces, "
            "Dynamical Systems, Encoding Models, High-Density Probes, Magnetoencephalography, "
            "Normative Models, Synaptic Plasticity Rules, Diffusion Tractography, "
            "Latent Variable Models, Decoding Models"
        ),
        _split(
            "Working Memory, Motor Control, Spatial Navigation, Visual Cortex, Decision Making, "
            "Sleep, Language Processing, Auditory Perception, Attention, Hippocampal Replay, "
            "Olfaction, Reward Learning, Speech Perception, Epilepsy, Chronic Pain, "
            "Social Behavior, Fear Conditioning, Sensory Integration, Cortical Development, "
            "Parkinson's Disease"
        ),
        _venues("conference", "Cosyne=Computational and Systems Neuroscience")
        + _venues(
            "journal",
            "Neuron; Nature Neuroscience; Journal of Neuroscience; "
            "PLOS Computational Biology; Nature",
        ),
        _split("Python, MATLAB, Suite2p, Kilosort, FSL, PyTorch"),
    ),
    Field(
        "theory of computation",
        _split("Computer Science, Mathematics, Applied Mathematics"),
        _split(
            "Approximation Algorithms, Randomized Rounding, Spectral Methods, "
            "Streaming Algorithms, Sum-of-Squares Proofs, Communication Protocols, "
            "Parameterized Algorithms, Online Algorithms, Property Testers, Graph Sparsifiers, "
            "Linear Programs, Submodular Maximization, Lattice Reductions, Interactive Proofs, "
            "Dynamic Data Structures, Local Algorithms, Mechanism Design, Hashing Schemes, "
            "Fast Matrix Multiplication, Expander Graphs"
        ),
        _split(
            "Shortest Paths, Graph Coloring, Maximum Flow, Clustering, Scheduling, "
            "Matching Markets, Edit Distance, Constraint Satisfaction, Network Design, "
            "Fair Division, Sorting, Load Balancing, Vertex Cover, Facility Location, "
            "Steiner Trees, Auctions, Distributed Graph Problems, Boolean Satisfiability, "
            "Integer Programming, Metric Embeddings"
        ),
        _venues(
            "conference",
            "STOC=ACM Symposium on Theory of Computing; "
            "FOCS=IEEE Symposium on Foundations of Computer Science; "
            "SODA=ACM-SIAM Symposium on Discrete Algorithms; "
            "ICALP=International Colloquium on Automata Languages and Programming",
        )
        + _venues("journal", "JACM=Journal of the ACM; SICOMP=SIAM Journal on Computing"),
        _split("LaTeX, Python, SageMath, C++, Lean"),
    ),
)
ARXIV = Venue("arXiv", "", "preprint")
PUBLISHERS = _split(
    "MIT Press, Cambridge University Press, Springer, Oxford University Press, CRC Press"
)
PATENT_OFFICE = "U.S. Patent"
AWARDS = _split("Best Paper Award, Outstanding Paper Award, Best Student Paper Award")
FELLOWSHIPS = _split(
    "Google PhD Fellowship, Microsoft Research PhD Fellowship, Marie Skłodowska-Curie Fellowship, "
    "Fulbright Scholarship, NSF Graduate Research Fellowship, ERC Starting Grant, "
    "Sloan Research Fellowship, Humboldt Research Fellowship, Rhodes Scholarship, "
    "Doctoral Fellowship of the German Academic Scholarship Foundation"
)
LANGUAGES = _split(
    "English, Spanish, French, German, Portuguese, Mandarin, Hindi, Japanese, Korean, "
    "Vietnamese, Arabic, Yoruba, Polish, Italian, Turkish, Swahili, Russian"
)
# Degree -> the ways CVs write it.
DEGREE_SPELLINGS = {
    "B.S.": _split("B.Sc., B.S., Bachelor of Science, BSc"),
    "B.A.": ("B.A.",),  # the importer reads "Bachelor of Arts" as B.S.
    "B.Eng.": _split("B.Eng., Bachelor of Engineering"),
    "M.S.": _split("M.Sc., M.S., Master of Science, MSc"),
    "M.Eng.": _split("M.Eng., Master of Engineering"),
    "M.Phil.": _split("M.Phil., MPhil"),
    "Ph.D.": _split("Ph.D., PhD, Doctor of Philosophy, D.Phil."),
}
# The levels of study in order: the degrees each may be, and how many years it takes.
STUDY_LEVELS = (
    (("B.S.", "B.S.", "B.A.", "B.Eng."), (3, 4)),
    (("M.S.", "M.S.", "M.Eng.", "M.Phil."), (1, 2)),
    (("Ph.D.",), (4, 6)),
)
INTERN_TITLES = _split("Research Intern, Software Engineering Intern, Applied Scientist Intern")
STUDENT_TITLES = _split("Research Assistant, Teaching Assistant, Student Researcher")
POSTDOC_TITLES = _split("Postdoctoral Researcher, Postdoctoral Fellow, Research Fellow")
ACADEMIC_TITLES = (
    _split("Lecturer, Assistant Professor"),
    _split("Senior Lecturer, Associate Professor"),
    _split("Professor, Full Professor"),
)
INDUSTRY_TITLES = (
    _split("Research Scientist, Software Engineer, Research Engineer, Data Scientist"),
    _split("Senior Research Scientist, Senior Software Engineer, Machine Learning Engineer"),
    _split("Staff Research Scientist, Principal Scientist, Director of Research"),
)
MONTHS = _split("Jan, Feb, Mar, Apr, May, Jun, Jul, Aug, Sep, Oct, Nov, Dec")
MONTH_NAMES = _split(
    "January, February, March, April, May, June, July, August, September, October, "
    "November, December"
)
# How a person's CV writes dates; the ones with months make the stored dates carry months.
DATE_STYLES = ("years", "years-tight", "month", "month-name", "numeric")
